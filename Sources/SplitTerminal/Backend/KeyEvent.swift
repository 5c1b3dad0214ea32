/// A key press (or a resize) as the dashboard's update function sees it.
public enum KeyEvent: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    /// Control plus a letter or one of `@[\]^_`, e.g. `.ctrl("c")` for ^C (given in lowercase).
    case ctrl(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Enter or Return.
    case enter
    /// Escape alone (the backend keeps the escape delay short so this is prompt).
    case escape
    /// Backspace (DEL or ^H).
    case backspace
    /// Delete (forward).
    case delete
    /// Insert.
    case insert
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Function key F1…F63.
    case function(Int)
    /// The terminal changed size; read the new size from the backend.
    case resize
    /// A key the backend could not name, with its raw code.
    case unknown(Int)

    /// The event for a character code read in text mode (`wget_wch` returning `OK`).
    ///
    /// Control codes become ``tab``, ``enter``, ``escape``, ``backspace`` or ``ctrl(_:)``;
    /// everything else is a ``character(_:)``.
    ///
    /// ```swift
    /// KeyEvent(characterCode: 3)    // .ctrl("c")
    /// KeyEvent(characterCode: 0x71) // .character("q")
    /// ```
    public init(characterCode code: UInt32) {
        switch code {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 0: self = .ctrl("@")
        case 1...26:
            self = .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 28...31:
            self = .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))
        default:
            if let scalar = Unicode.Scalar(code) {
                self = .character(Character(scalar))
            } else {
                self = .unknown(Int(code))
            }
        }
    }
}

extension KeyEvent: CustomStringConvertible {
    /// A readable name: `q`, `^C`, `Up`, `F5`, `Esc`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .function(let n): return "F\(n)"
        case .resize: return "Resize"
        case .unknown(let code): return "key(\(code))"
        }
    }
}

import CNcursesw

/// Maps ncurses key codes (`wget_wch` returning `KEY_CODE_YES`) to ``KeyEvent``s.
enum NcursesKeyMap {
    /// The event for a function-key code such as `KEY_UP` or `KEY_F(5)`.
    static func event(forKeyCode code: Int32) -> KeyEvent {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            let f0 = splitscope_key_f(0)
            if code > f0 && code <= splitscope_key_f(63) { return .function(Int(code - f0)) }
            return .unknown(Int(code))
        }
    }
}

/// Why the terminal could not be taken over.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// ncurses does not know the terminal type (`newterm` failed), e.g. `TERM` unset or misspelt.
    case unknownTerminal(String)
    /// Standard input or output is not a terminal.
    case notATerminal
    /// The terminal cannot move the cursor (terminfo has no `cup`), e.g. `TERM=dumb`.
    case noCursorAddressing(String)

    /// A message for the user.
    public var description: String {
        switch self {
        case .unknownTerminal(let name):
            let shown = name.isEmpty ? "(TERM is not set)" : "'\(name)'"
            return "cannot start the terminal UI: unknown terminal type \(shown); set TERM, e.g. TERM=xterm-256color"
        case .noCursorAddressing(let name):
            return "cannot start the terminal UI: the terminal type '\(name)' cannot move the cursor; "
                + "run it in a full-screen terminal, e.g. TERM=xterm-256color"
        case .notATerminal:
            return "cannot start the terminal UI: standard input and output must be a terminal"
        }
    }
}

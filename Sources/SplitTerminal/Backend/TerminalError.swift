/// Why the terminal could not be taken over.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// ncurses does not know the terminal type (`newterm` failed), e.g. `TERM` unset or misspelt.
    case unknownTerminal(String)
    /// Standard input or output is not a terminal.
    case notATerminal

    /// A message for the user.
    public var description: String {
        switch self {
        case .unknownTerminal(let name):
            let shown = name.isEmpty ? "(TERM is not set)" : "'\(name)'"
            return "cannot start the terminal UI: unknown terminal type \(shown); set TERM, e.g. TERM=xterm-256color"
        case .notATerminal:
            return "cannot start the terminal UI: standard input and output must be a terminal"
        }
    }
}

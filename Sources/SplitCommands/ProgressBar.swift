import SplitModels

/// A one-line progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    private let enabled: Bool
    private var lastPercent = -1
    private var lastLabel = ""

    init(enabled: Bool = Console.stderrIsTerminal) {
        self.enabled = enabled
    }

    /// Redraws when the percentage or label changes.
    mutating func update(_ fraction: Double, label: String) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != lastPercent || label != lastLabel else { return }
        lastPercent = percent
        lastLabel = label
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Console.errorRaw("\r[\(bar)] \(percent)% \(DisplayText.escaped(label))\u{1B}[K")
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        Console.errorRaw("\r\u{1B}[K")
    }
}

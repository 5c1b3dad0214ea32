/// Trimming the blanks that trace files put around fields and at line ends.
extension Substring {
    /// The substring without leading and trailing spaces, tabs and carriage returns.
    func trimmingBlanks() -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }),
              let last = lastIndex(where: { !blank($0) })
        else { return self[endIndex...] }
        return self[first...last]
    }
}

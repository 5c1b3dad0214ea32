import Foundation

/// Temporary folders for tests, each removed when the test process exits.
///
/// Swift Testing has no per-test teardown, and a test that fails half-way never reaches its own
/// clean-up; so every folder made here is remembered and removed at exit, whatever happened.
///
/// ```swift
/// let dir = try ScratchDirectory.make(prefix: "splitscope-tests")
/// // …write files under dir; nothing is left in $TMPDIR after the run.
/// ```
public enum ScratchDirectory {
    nonisolated(unsafe) private static var made: [String] = []
    nonisolated(unsafe) private static var registered = false
    private static let lock = NSLock()

    /// A new, empty folder under the temporary directory, named `prefix-UUID`.
    public static func make(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        lock.withLock {
            made.append(url.path)
            if !registered {
                registered = true
                atexit { ScratchDirectory.removeAll() }
            }
        }
        return url
    }

    /// Removes every folder made so far.
    public static func removeAll() {
        let paths = lock.withLock {
            defer { made.removeAll() }
            return made
        }
        for path in paths {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

import Foundation

/// Where splitscope finds its own files (themes, trained models, sample traces, scripts), from
/// whatever folder it runs in.
///
/// The one rule: a path relative to the repository (`Models/fashion-expected.json`) is looked for
///
/// 1. in the working directory (a checkout, as the README's commands run);
/// 2. beside the executable, then in `../share/splitscope` from its folder (an install);
/// 3. two and three folders up from the executable's folder: the package root seen from
///    `.build/debug/` and `.build/<triple>/debug/` (a build in the checkout, run from anywhere).
///
/// The executable's path has its symbolic links resolved first, so a link in `PATH` to a built
/// binary finds the checkout it was built in.
///
/// ```swift
/// BundledFile.locate("Models/fashion-expected.json")   // "/home/me/splitscope/Models/fashion-expected.json"
/// ```
public enum BundledFile {
    /// The executable's path as the process knows it.
    public static var executablePath: String? { Bundle.main.executablePath ?? CommandLine.arguments.first }

    /// Every place `relative` may be, in search order, whether or not it exists; `installed` is
    /// its name under `share/splitscope` when that differs (themes install as `themes`).
    public static func candidates(_ relative: String, installed: String? = nil, executablePath: String?,
                                  currentDirectory: String) -> [String] {
        var candidates = [absolute(relative, from: currentDirectory)]
        if let executablePath, !executablePath.isEmpty {
            let resolved = URL(fileURLWithPath: absolute(executablePath, from: currentDirectory)).resolvingSymlinksInPath().path
            let folder = (resolved as NSString).deletingLastPathComponent
            candidates.append(absolute(relative, from: folder))
            candidates.append(absolute("../share/splitscope/" + (installed ?? relative), from: folder))
            candidates.append(absolute("../../" + relative, from: folder))
            candidates.append(absolute("../../../" + relative, from: folder))
        }
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }

    /// The first of ``candidates(_:installed:executablePath:currentDirectory:)`` that exists, or nil.
    public static func locate(_ relative: String, installed: String? = nil, executablePath: String? = executablePath,
                              currentDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
        candidates(relative, installed: installed, executablePath: executablePath, currentDirectory: currentDirectory)
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// `relative` where it is found, else as given (so that the error that follows names the
    /// path the user would expect).
    public static func path(_ relative: String) -> String {
        locate(relative) ?? relative
    }

    /// `path` made absolute against `base` and standardised (`..` and `.` removed).
    static func absolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}

import SplitCommands
#if canImport(Glibc)
import Glibc
#endif

exit(SplitscopeMain.run())

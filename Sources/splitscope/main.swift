import SplitCommands

SplitscopeCommand.main()

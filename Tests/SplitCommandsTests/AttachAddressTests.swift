import Testing

/// `attach`'s list of control ports: a comma list or separate arguments, each refused plainly when wrong.
@Suite("Attach addresses")
struct AttachAddressTests {
    @Test func aPortNamedTwiceOrAnEmptyItemIsAUsageError() throws {
        let twice = try SplitscopeBinary.run(["attach", "127.0.0.1:1,127.0.0.1:1"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("HOST:PORT") && twice.stderr.contains("twice"))
        let repeated = try SplitscopeBinary.run(["attach", "127.0.0.1:1", "127.0.0.1:1"])
        #expect(repeated.status == 2)
        let empty = try SplitscopeBinary.run(["attach", "127.0.0.1:1,"])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("HOST:PORT") && empty.stderr.contains("empty"))
        let bad = try SplitscopeBinary.run(["attach", "127.0.0.1:1,nowhere"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("HOST:PORT"))
    }

    @Test func severalPortsNoneListeningNamesTheOneThatFailed() throws {
        let result = try SplitscopeBinary.run(["attach", "127.0.0.1:1", "127.0.0.1:2", "--timeout", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot connect to 127.0.0.1:1"))
    }
}

import Testing
@testable import SplitTerminal

@Suite("Rect: geometry and the layout engine")
struct RectTests {
    let screen = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func insetAndIntersection() {
        #expect(screen.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(screen.inset(horizontal: 2, vertical: 0) == Rect(x: 2, y: 0, width: 76, height: 24))
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).inset(by: 1).isEmpty)
        #expect(Rect(x: 5, y: 5, width: 10, height: 10).intersection(Rect(x: 0, y: 0, width: 8, height: 7))
            == Rect(x: 5, y: 5, width: 3, height: 2))
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).intersection(Rect(x: 5, y: 5, width: 1, height: 1)).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    }

    @Test func centeredClampsToTheRect() {
        #expect(screen.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(screen.centered(width: 100, height: 30) == screen)
        #expect(screen.centered(width: 41, height: 11) == Rect(x: 19, y: 6, width: 41, height: 11))
    }

    @Test func fixedAndFill() {
        let parts = screen.splitVertically([.fixed(1), .min(0), .fixed(1)])
        #expect(parts == [
            Rect(x: 0, y: 0, width: 80, height: 1),
            Rect(x: 0, y: 1, width: 80, height: 22),
            Rect(x: 0, y: 23, width: 80, height: 1),
        ])
    }

    @Test func percentagesThatAddUpTo100FillTheSpace() {
        #expect(Rect.layout(length: 11, constraints: [.percent(50), .percent(50)]) == [5, 6])
        #expect(Rect.layout(length: 80, constraints: [.percent(30), .percent(70)]) == [24, 56])
        #expect(Rect.layout(length: 10, constraints: [.percent(30)]) == [3])
    }

    @Test func minConstraintsShareTheRest() {
        #expect(Rect.layout(length: 20, constraints: [.fixed(5), .min(3), .min(3)]) == [5, 8, 7])
        #expect(Rect.layout(length: 20, constraints: [.percent(50), .min(4)]) == [10, 10])
    }

    @Test func shortSpaceShrinksTheLastParts() {
        #expect(Rect.layout(length: 6, constraints: [.fixed(4), .fixed(4), .min(2)]) == [4, 2, 0])
        #expect(Rect.layout(length: 0, constraints: [.fixed(4), .min(0)]) == [0, 0])
        #expect(Rect.layout(length: 5, constraints: []) == [])
    }

    @Test func spacingSitsBetweenParts() {
        let columns = Rect(x: 2, y: 3, width: 21, height: 4).splitHorizontally([.fixed(5), .min(0), .fixed(5)], spacing: 1)
        #expect(columns == [
            Rect(x: 2, y: 3, width: 5, height: 4),
            Rect(x: 8, y: 3, width: 9, height: 4),
            Rect(x: 18, y: 3, width: 5, height: 4),
        ])
    }

    @Test func splitTopAndBottom() {
        let (top, rest) = screen.splitTop(3)
        #expect(top.height == 3 && rest.y == 3 && rest.height == 21)
        let (body, bottom) = screen.splitBottom(30)
        #expect(body.height == 0 && bottom == screen)
    }
}

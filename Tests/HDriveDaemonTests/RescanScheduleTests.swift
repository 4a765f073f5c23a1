import HDriveCore
import HDriveCrawl
@testable import HDriveDaemon
import Testing

@Suite struct RescanScheduleTests {
    let local = RootConfiguration(name: "local", path: RawPath("/srv/local"))
    let share = RootConfiguration(name: "share", path: RawPath("/srv/share"))

    @Test func aRootsOwnIntervalWinsAndZeroTurnsRescansOff() {
        let schedule = RescanSchedule(defaultInterval: .seconds(3600))
        var own = local
        own.rescanInterval = .seconds(60)
        #expect(schedule.interval(for: own, network: false) == .seconds(60))
        own.rescanInterval = .zero
        #expect(schedule.interval(for: own, network: true) == nil)
        #expect(schedule.interval(for: local, network: false) == .seconds(3600))
    }

    @Test func networkRootsAreRescannedEvenWhenRescansAreOff() {
        let schedule = RescanSchedule(defaultInterval: nil)
        #expect(schedule.interval(for: local, network: false) == nil)
        #expect(schedule.interval(for: share, network: true) == .seconds(3600))
    }

    @Test func rootsFallDueWhenTheirIntervalHasPassed() {
        var fast = share
        fast.rescanInterval = .seconds(10)
        let schedule = RescanSchedule(defaultInterval: .seconds(100))
        let due = schedule.due(roots: [local, fast], network: ["share"], lastScan: ["local": 0, "share": 0], now: 50)
        #expect(due.map(\.name) == ["share"])
        #expect(schedule.due(roots: [local, fast], network: [], lastScan: ["local": 0, "share": 45], now: 50).isEmpty)
    }
}

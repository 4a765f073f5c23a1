@testable import HDriveCrawl
import Testing

@Suite struct RootHealthPolicyTests {
    let fine = RootObservation(openError: nil, listError: nil, isMountPoint: true, sentinelFound: true)

    @Test func aReadableMountedRootWithItsSentinelIsHealthy() {
        let policy = RootHealthPolicy(expectMountPoint: true, sentinel: ".online")
        #expect(policy.evaluate(fine) == .healthy)
    }

    @Test func aRootThatCannotBeOpenedIsUnavailable() {
        var seen = fine
        seen.openError = "no such file or directory"
        #expect(RootHealthPolicy(expectMountPoint: false, sentinel: nil).evaluate(seen) != .healthy)
    }

    @Test func anExpectedMountThatIsNotMountedIsUnavailable() {
        var seen = fine
        seen.isMountPoint = false
        #expect(RootHealthPolicy(expectMountPoint: true, sentinel: nil).evaluate(seen) != .healthy)
        #expect(RootHealthPolicy(expectMountPoint: false, sentinel: nil).evaluate(seen) == .healthy)
    }

    @Test func aMissingSentinelMakesTheRootUnavailable() {
        var seen = fine
        seen.sentinelFound = false
        #expect(RootHealthPolicy(expectMountPoint: false, sentinel: ".online").evaluate(seen) != .healthy)
    }

    @Test func aRootThatOpensButCannotBeListedIsUnavailable() {
        var seen = fine
        seen.listError = "transport endpoint is not connected"
        #expect(RootHealthPolicy(expectMountPoint: false, sentinel: nil).evaluate(seen)
                == .unavailable("cannot list the root: transport endpoint is not connected"))
    }
}

@Suite struct MassDeletePolicyTests {
    let policy = MassDeletePolicy(maxFraction: 0.05, maxCount: 1000, alwaysAllowed: 10)

    @Test func fewDeletionsApplyAtOnce() {
        #expect(policy.decide(deletions: 3, documents: 10, held: 0, override: false) == .apply)
        #expect(policy.decide(deletions: 40, documents: 1000, held: 0, override: false) == .apply)
    }

    @Test func moreThanFivePercentIsHeld() {
        #expect(policy.decide(deletions: 60, documents: 1000, held: 0, override: false) == .hold(60))
    }

    @Test func moreThanAThousandIsHeldWhateverTheFraction() {
        #expect(policy.decide(deletions: 1001, documents: 1_000_000, held: 0, override: false) == .hold(1001))
    }

    @Test func aSecondScanFindingAsManyConfirmsTheDeletion() {
        #expect(policy.decide(deletions: 60, documents: 1000, held: 60, override: false) == .apply)
        #expect(policy.decide(deletions: 55, documents: 1000, held: 60, override: false) == .apply)
    }

    @Test func aShareStillShrinkingIsHeldAgain() {
        #expect(policy.decide(deletions: 500, documents: 1000, held: 60, override: false) == .hold(500))
    }

    @Test func theAdminCanOverride() {
        #expect(policy.decide(deletions: 900, documents: 1000, held: 0, override: true) == .apply)
    }
}

@Suite struct RetryPolicyTests {
    @Test func transientErrorsBackOffExponentiallyThenGiveUp() {
        let policy = RetryPolicy(maxAttempts: 4, firstDelay: .seconds(1), maxDelay: .seconds(3))
        #expect(policy.decide(afterAttempts: 1) == .retry(after: .seconds(1)))
        #expect(policy.decide(afterAttempts: 2) == .retry(after: .seconds(2)))
        #expect(policy.decide(afterAttempts: 3) == .retry(after: .seconds(3)))
        #expect(policy.decide(afterAttempts: 4) == .giveUp)
    }

    @Test func networkErrorsAreTransientAndOthersAreNot() {
        #expect(RetryPolicy.isTransient(message: "cannot read file: input/output error"))
        #expect(RetryPolicy.isTransient(message: "cannot open file: stale file handle"))
        #expect(!RetryPolicy.isTransient(message: "cannot open file: permission denied"))
    }
}

@Suite struct MountTableTests {
    let text = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        40 22 0:35 / /srv/shares/h rw,relatime shared:20 - cifs //fs/h$ rw,vers=3.0
        41 22 0:36 / /srv/with\\040space rw - nfs4 fs:/export rw
        42 40 0:37 / /srv/shares/h/sub rw - fuse.bindfs /data rw
        """

    @Test func theMountHoldingAPathIsTheLongestPrefix() {
        let table = MountTable(mountinfo: text)
        #expect(table.mount(containing: "/srv/shares/h/a/b")?.fsType == "cifs")
        #expect(table.mount(containing: "/srv/shares/h/sub/x")?.fsType == "fuse.bindfs")
        #expect(table.mount(containing: "/srv/shares/hx")?.fsType == "ext4")
        #expect(table.mount(containing: "/srv/with space/doc")?.fsType == "nfs4")
        #expect(table.isMountPoint("/srv/shares/h"))
        #expect(!table.isMountPoint("/srv/shares"))
    }

    @Test func networkAndFuseFileSystemsNeedRescans() {
        #expect(FileSystemKind(fsType: "cifs") == .smb)
        #expect(FileSystemKind(fsType: "smb3") == .smb)
        #expect(FileSystemKind(fsType: "nfs4") == .nfs)
        #expect(FileSystemKind(fsType: "fuse.sshfs") == .fuse)
        #expect(FileSystemKind(fsType: "ext4") == .local)
        #expect(FileSystemKind(magic: 0xFF53_4D42, fsType: nil) == .smb)
        #expect(FileSystemKind(magic: 0x6969, fsType: nil) == .nfs)
        #expect(FileSystemKind(magic: 0x6573_5546, fsType: nil) == .fuse)
        #expect(FileSystemKind.nfs.needsRescans && !FileSystemKind.local.needsRescans)
    }
}

@Suite struct SHA256Tests {
    func hex(_ text: String) -> String {
        let hasher = SHA256()
        hasher.update(Array(text.utf8))
        return hasher.finish().map { String($0, radix: 16).leftPadded() }.joined()
    }

    @Test func matchesTheStandardTestVectors() {
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

extension String {
    func leftPadded() -> String { count >= 2 ? self : "0" + self }
}

import Foundation
import HDriveCore
import HDriveCrawl
import HDriveIndex
import Testing

/// Walked as an ordinary user (root reads everything), a locked folder is never "empty".
@Suite struct PermissionTests {
    @Test func aPermissionDeniedDirectoryIsReportedAndItsFilesAreKept() throws {
        guard requirement(Shell.isRoot && HDriveBinary.path != nil, "switching to uid 65534 needs root and the built hdrive") else { return }
        let tree = TestTree("perm")
        tree.write("open/a.txt", "alpha")
        tree.write("locked/b.txt", "beta")
        tree.write("locked/deeper/c.txt", "gamma")
        let data = TestTree("permdata")
        try Shell.run("chmod 755 '\(tree.path)' && chmod 777 '\(data.path)'")
        let first = try HDriveBinary.run(["index", "--quiet", "--data-dir", data.path, tree.path], user: 65534)
        #expect(first.0 == 0)
        #expect(first.1.contains("indexed 3"))
        try Shell.run("chmod 000 '\(tree.path)/locked'")
        let second = try HDriveBinary.run(["index", "--quiet", "--data-dir", data.path, tree.path], user: 65534)
        #expect(second.0 == 0)
        #expect(second.1.contains("deleted 0"))
        #expect(second.1.contains("1 unreadable directories"))
        let store = try IndexStore(directory: data.path)
        let root = try #require(try store.roots().first)
        #expect(try store.catalog(rootID: root.id).keys.map(\.displayString).sorted()
                == ["locked/b.txt", "locked/deeper/c.txt", "open/a.txt"])
    }

    @Test func aDirectoryThatCanBeListedButNotSearchedIsUnreadableToo() throws {
        guard requirement(Shell.isRoot && HDriveBinary.path != nil, "switching to uid 65534 needs root and the built hdrive") else { return }
        let tree = TestTree("perm")
        tree.write("listonly/b.txt", "beta")
        tree.write("a.txt", "alpha")
        let data = TestTree("permdata")
        try Shell.run("chmod 755 '\(tree.path)' && chmod 777 '\(data.path)'")
        _ = try HDriveBinary.run(["index", "--quiet", "--data-dir", data.path, tree.path], user: 65534)
        try Shell.run("chmod 744 '\(tree.path)/listonly'")  // r without x: names visible, stat fails
        let second = try HDriveBinary.run(["index", "--quiet", "--data-dir", data.path, tree.path], user: 65534)
        #expect(second.1.contains("deleted 0"))
        #expect(second.1.contains("1 unreadable directories"))
    }
}

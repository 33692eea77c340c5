using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests.Hostile;

internal static partial class HostileCorpus
{
    private static string[][] RootCommands => [["plan"], ["apply", "--auto-approve"], ["rollback", "--auto-approve"], ["status"]];

    private static string[][] TreeCommands => [["plan"], ["apply", "--auto-approve"]];

    /// <summary>The lock is taken by apply and rollback; plan never takes it.</summary>
    private static string[][] LockCommands => [["apply", "--auto-approve"], ["rollback", "--auto-approve"]];

    private static Dictionary<string, HostileCase> HostStates() => new(StringComparer.Ordinal)
    {
        // The secrets root itself (nothing applied yet: the root is what is wrong); rollback and status refuse it too.
        ["root a regular file"] = Fresh(s => File.WriteAllText(s.Root, "not a directory\n"), "is not a directory"),
        ["root a symlink to a directory"] = Fresh(s => File.CreateSymbolicLink(s.Root, Directory.CreateDirectory(Path.Combine(s.Directory, "elsewhere")).FullName), "is a symlink"),
        ["root a dangling symlink"] = Fresh(s => File.CreateSymbolicLink(s.Root, Path.Combine(s.Directory, "nowhere")), "is a symlink"),
        ["root a symlink to itself"] = Fresh(s => File.CreateSymbolicLink(s.Root, s.Root), "is a symlink"),
        ["root a FIFO"] = Fresh(s => Mkfifo(s.Root), "is not a directory"),
        ["root a symlink to a system directory"] = Fresh(s => File.CreateSymbolicLink(s.Root, "/etc"), "is a symlink"),
        ["root someone else's directory"] = Fresh(s => File.WriteAllText(Path.Combine(Directory.CreateDirectory(s.Root).FullName, "notes.txt"), "mine\n"), "is not empty and is not a Horadus root"),

        // releases/ and the release directories
        ["releases a regular file"] = Fresh(s => File.WriteAllText(Path.Combine(Directory.CreateDirectory(s.Root).FullName, "releases"), "x\n"), "releases") with { Commands = TreeCommands },
        ["releases a symlink"] = Applied(s => Relink(Path.Combine(s.Root, "releases"), Path.Combine(s.Directory, "moved-releases"), move: true), "releases is a symlink"),
        ["releases a FIFO"] = Fresh(s => Mkfifo(Path.Combine(Directory.CreateDirectory(s.Root).FullName, "releases")), "releases") with { Commands = TreeCommands },
        ["new release a regular file"] = Applied(s => File.WriteAllText(Path.Combine(s.Root, "releases", New), "x\n"), $"is a regular file where release {New} belongs"),
        ["new release a symlink to the old one"] = Applied(s => File.CreateSymbolicLink(Path.Combine(s.Root, "releases", New), Path.Combine(s.Root, "releases", Old)), $"releases/{New} is a symlink"),
        ["new release a dangling symlink"] = Applied(s => File.CreateSymbolicLink(Path.Combine(s.Root, "releases", New), "/nonexistent"), $"releases/{New} is a symlink"),
        ["new release a FIFO"] = Applied(s => Mkfifo(Path.Combine(s.Root, "releases", New)), $"releases/{New}"),
        ["new release present with other content"] = Applied(s => File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(s.Root, "releases", New)).FullName, "secret_key"), "someone else's value\n"), $"release/{New}"),
        ["live release a symlink to a copy"] = Applied(s => Relink(Path.Combine(s.Root, "releases", Old), Path.Combine(s.Directory, "copy"), move: true), $"releases/{Old} is a symlink"),
        ["a foreign release a symlink to /etc"] = Applied(s => File.CreateSymbolicLink(Path.Combine(s.Root, "releases", "20260101T000000Z"), "/etc"), "releases/20260101T000000Z is a symlink"),

        // current
        ["current a directory"] = Applied(s => ReplaceCurrent(s, c => Directory.CreateDirectory(c)), "current"),
        ["current a regular file"] = Applied(s => ReplaceCurrent(s, c => File.WriteAllText(c, "releases/" + Old + "\n")), "current"),
        ["current a FIFO"] = Applied(s => ReplaceCurrent(s, Mkfifo), "current"),
        // .horadus and what it holds
        [".horadus a regular file"] = Applied(s => ReplaceState(s, p => File.WriteAllText(p, "x\n")), ".horadus"),
        [".horadus a symlink"] = Applied(s => Relink(Path.Combine(s.Root, ".horadus"), Path.Combine(s.Directory, "elsewhere"), move: true), ".horadus is a symlink, not a directory"),
        [".horadus a FIFO"] = Applied(s => ReplaceState(s, Mkfifo), ".horadus"),
        ["lock a directory"] = Applied(s => ReplaceInState(s, "lock", p => Directory.CreateDirectory(p)), "lock") with { Commands = LockCommands },
        ["lock a symlink"] = Applied(s => ReplaceInState(s, "lock", p => File.CreateSymbolicLink(p, Path.Combine(s.Directory, "outside-lock"))), "lock") with { Commands = LockCommands },
        ["lock a FIFO"] = Applied(s => ReplaceInState(s, "lock", Mkfifo), "lock") with { Commands = LockCommands },
        ["history a directory"] = Applied(s => ReplaceInState(s, "history.jsonl", p => Directory.CreateDirectory(p)), "history.jsonl"),
        ["history a symlink"] = Applied(s => ReplaceInState(s, "history.jsonl", p => File.CreateSymbolicLink(p, Path.Combine(s.Directory, "outside-history"))), "history.jsonl"),
        ["history a FIFO"] = Applied(s => ReplaceInState(s, "history.jsonl", Mkfifo), "history.jsonl"),

        // .current.next
        [".current.next a directory"] = Applied(s => Directory.CreateDirectory(Path.Combine(s.Root, ".current.next")), "is a directory, not the symlink Horadus renames over current"),
        [".current.next a regular file"] = Applied(s => File.WriteAllText(Path.Combine(s.Root, ".current.next"), "x\n"), ".current.next"),
        [".current.next a FIFO"] = Applied(s => Mkfifo(Path.Combine(s.Root, ".current.next")), ".current.next"),
    };

    /// <summary>
    /// Host states Horadus may set right itself: <c>current</c> is a link it replaces by a rename whatever it points at, and
    /// a staging leftover is removed without being followed. Apply must converge and touch nothing outside the root.
    /// </summary>
    public static IReadOnlyDictionary<string, Func<Sandbox, Task>> Repairable { get; } = new Dictionary<string, Func<Sandbox, Task>>(StringComparer.Ordinal)
    {
        ["current dangling"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, Path.Combine(s.Root, "releases", "20990101T000000Z")))),
        ["current pointing at /etc"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, "/etc"))),
        ["current pointing outside the root"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, Canary(s)))),
        ["current pointing at releases/"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, Path.Combine(s.Root, "releases")))),
        ["current pointing at the root"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, s.Root))),
        ["current a relative escape"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, "../../" + EscapeName))),
        ["current a symlink loop"] = Repair(s => ReplaceCurrent(s, c => File.CreateSymbolicLink(c, c))),

        ["staging leftover a regular file"] = Repair(s => File.WriteAllText(Staging(s), "x\n")),
        ["staging leftover a FIFO"] = Repair(s => Mkfifo(Staging(s))),
        ["staging leftover a symlink to /etc"] = Repair(s => File.CreateSymbolicLink(Staging(s), "/etc")),
        ["staging leftover a symlink to a directory with content"] = Repair(s => File.CreateSymbolicLink(Staging(s), Canary(s))),
    };

    private static Func<Sandbox, Task> Repair(Action<Sandbox> arrange) => async sandbox =>
    {
        await AppliedAsync(sandbox);
        sandbox.WriteManifest(New);
        arrange(sandbox);
    };

    private static string Staging(Sandbox sandbox) => Path.Combine(sandbox.Root, "releases", $".staging-{New}-999999");

    /// <summary>A directory beside the root holding a file: what a link followed by mistake would expose to a removal.</summary>
    private static string Canary(Sandbox sandbox)
    {
        var folder = Directory.CreateDirectory(Path.Combine(sandbox.Directory, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(folder, "canary"), "must survive\n");
        return folder;
    }

    /// <summary>A manifest for <see cref="Old"/> and nothing applied: the root is what the case makes it.</summary>
    private static HostileCase Fresh(Action<Sandbox> arrange, string expected) => new(string.Empty, sandbox =>
    {
        sandbox.WriteManifest(Old);
        arrange(sandbox);
        return Task.CompletedTask;
    }, expected)
    { Commands = RootCommands };

    /// <summary>Release <see cref="Old"/> applied, the manifest moved on to <see cref="New"/>, then the host changed.</summary>
    private static HostileCase Applied(Action<Sandbox> arrange, string expected) => new(string.Empty, async sandbox =>
    {
        await AppliedAsync(sandbox);
        sandbox.WriteManifest(New);
        arrange(sandbox);
    }, expected);

    private static void ReplaceCurrent(Sandbox sandbox, Action<string> make)
    {
        var current = Path.Combine(sandbox.Root, "current");
        File.Delete(current);
        make(current);
    }

    private static void ReplaceState(Sandbox sandbox, Action<string> make)
    {
        var state = Path.Combine(sandbox.Root, ".horadus");
        Directory.Move(state, Path.Combine(sandbox.Directory, "old-state"));
        make(state);
    }

    private static void ReplaceInState(Sandbox sandbox, string name, Action<string> make)
    {
        var path = Path.Combine(sandbox.Root, ".horadus", name);
        if (File.Exists(path))
        {
            File.Move(path, Path.Combine(sandbox.Directory, "old-" + name));
        }

        make(path);
    }

    /// <summary>Moves <paramref name="path"/> to <paramref name="target"/> (or not) and leaves a symlink to it in its place.</summary>
    private static void Relink(string path, string target, bool move)
    {
        if (move)
        {
            Directory.Move(path, target);
        }

        File.CreateSymbolicLink(path, target);
    }

    private static void Mkfifo(string path) => Owner.Run("mkfifo", "--", path);
}

using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>A disk that fills up while a release is written: the apply fails cleanly and leaves no copy of the secrets.</summary>
public sealed class FullDiskTests
{
    [Fact]
    public async Task Apply_WhenTheDiskFillsUp_Fails_WithoutAPartialReleaseOrAStagingCopy_AndCurrentUnchanged()
    {
        using var sandbox = new Sandbox();
        var disk = Path.Combine(sandbox.Directory, "disk");
        Directory.CreateDirectory(disk);
        // 256 KiB: room for a first release of ten small files (tmpfs counts a 4 KiB page per file), not for 300 KB more.
        MountSmallDisk(disk, "256k");
        try
        {
            var root = Path.Combine(disk, "secrets");
            sandbox.WriteManifest("20260215T090000Z");
            var first = await sandbox.RunAsync("apply", "--auto-approve", "--root", root);
            Assert.True(first.ExitCode == 0, first.ToString());
            File.WriteAllText(Path.Combine(sandbox.Values, "openai_api_key"), new string('x', 300_000));
            sandbox.WriteManifest("20260301T090000Z");
            var releases = Path.Combine(root, "releases");
            var (releasesBefore, currentBefore) = (Sandbox.TreeFingerprint(releases), new FileInfo(Path.Combine(root, "current")).LinkTarget);

            var apply = await sandbox.RunAsync("apply", "--auto-approve", "--root", root);

            Assert.True(apply.ExitCode == 1, apply.ToString());
            Assert.Contains("No space left on device", apply.All, StringComparison.Ordinal);
            Assert.Equal(releasesBefore, Sandbox.TreeFingerprint(releases));
            Assert.Empty(Directory.GetFileSystemEntries(releases, ".staging-*"));
            Assert.Equal(currentBefore, new FileInfo(Path.Combine(root, "current")).LinkTarget);
        }
        finally
        {
            Owner.Run("umount", disk);
        }
    }

    /// <summary>A tmpfs of <paramref name="size"/>; skipped where mounting is not allowed, unless CI requires it.</summary>
    private static void MountSmallDisk(string folder, string size)
    {
        var required = Environment.GetEnvironmentVariable("HORADUS_REQUIRE_DOCKER") == "1";
        string? refused = null;
        if (!Owner.IsRoot)
        {
            refused = "mounting a small tmpfs needs root (CI runs as root)";
        }
        else
        {
            try
            {
                Owner.Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", folder);
            }
            catch (InvalidOperationException e)
            {
                refused = $"mount is not permitted here: {e.Message.Trim()}";
            }
        }

        if (refused is not null)
        {
            Assert.False(required, $"{refused} (HORADUS_REQUIRE_DOCKER=1 requires this test to run)");
            Assert.Skip(refused);
        }
    }
}

using System.Text.Json;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary><c>horadus drift</c>: the plan read as differences, exit 0 in sync, 2 drifted, 1 error, and JSON that follows its schema.</summary>
public sealed class DriftTests
{
    [Fact]
    public async Task Drift_OnAHostThatMatches_SaysInSync_AndExitsZero()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");

        var drift = await sandbox.RunAsync("drift");
        var json = await sandbox.RunAsync("drift", "--json");

        Assert.True(drift.ExitCode == 0, drift.ToString());
        Assert.Contains("In sync.", drift.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        PublishedSchema.AssertValid("horadus.drift.schema.json", json.Output);
        Assert.True(JsonDocument.Parse(json.Output).RootElement.GetProperty("in_sync").GetBoolean());
    }

    [Fact]
    public async Task Drift_AfterAChmodAndAForeignFile_ListsEachWithItsReason_AndExitsTwo_ChangingNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var file = Path.Combine(sandbox.Root, "releases", "20260215T090000Z", "api_keys");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.WriteAllText(Path.Combine(sandbox.Root, "notes.txt"), "left by someone");
        var before = TreeSnapshot.Take(sandbox.Directory);

        var drift = await sandbox.RunAsync("drift");
        var json = await sandbox.RunAsync("drift", "--json");

        Assert.True(drift.ExitCode == 2, drift.ToString());
        Assert.Contains("Drifted:", drift.Output, StringComparison.Ordinal);
        Assert.Contains("release/20260215T090000Z/file/api_keys", drift.Output, StringComparison.Ordinal);
        Assert.Contains("mode 0644 should be 0640", drift.Output, StringComparison.Ordinal);
        Assert.Equal(2, json.ExitCode);
        PublishedSchema.AssertValid("horadus.drift.schema.json", json.Output);
        var root = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(1, root.GetProperty("counts").GetProperty("attributes").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("foreign").GetInt32());
        Assert.Contains(root.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "foreign" && i.GetProperty("address").GetString() == "notes.txt");
        TreeSnapshot.AssertUnchanged(before, TreeSnapshot.Take(sandbox.Directory));
    }

    [Fact]
    public async Task Drift_WhenTheHostCannotBeRead_ExitsOne_WithTheReason()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        File.WriteAllText(sandbox.Root, "not a directory");

        var drift = await sandbox.RunAsync("drift");

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains(sandbox.Root, drift.Error, StringComparison.Ordinal);
    }
}

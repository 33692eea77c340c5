using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Host.State;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>The history speaks the README's words (<c>rolled_back</c>), the same in the table and in --json.</summary>
public sealed class HistoryTests
{
    private const string Later = "20260301T000000Z";

    [Theory]
    [InlineData(ApplyOutcome.RolledBack, "rolled_back")]
    [InlineData(ApplyOutcome.Succeeded, "succeeded")]
    [InlineData(ApplyOutcome.Failed, "failed")]
    [InlineData(ApplyOutcome.Errored, "errored")]
    [InlineData(ApplyOutcome.Interrupted, "interrupted")]
    public async Task History_NamesEachOutcomeAsTheReadmeAndTheSchemaDo_InTheTableAndInJson(ApplyOutcome outcome, string name)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        // An outcome such as rolled_back needs a failed health gate (a container engine): the record is written by the store apply uses.
        var started = sandbox.Time.GetUtcNow().AddMinutes(5);
        new JsonlHistoryStore(sandbox.Root).Append(new ApplyRecord(
            "later", ApplyKind.Apply, ReleaseStamp.Parse(Later), ReleaseStamp.Parse("20260215T090000Z"), "abc123", started,
            outcome == ApplyOutcome.Interrupted ? null : started.AddSeconds(5), outcome, 3, "api: gate 'http' failed"));

        var table = await sandbox.RunAsync("history");
        var json = await sandbox.RunAsync("history", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var row = Assert.Single(table.Output.Split('\n'), l => l.Contains(Later, StringComparison.Ordinal));
        Assert.Matches($@"\s{Regex.Escape(name)}\s", row);
        Assert.True(json.ExitCode == 0, json.ToString());
        PublishedSchema.AssertValid("horadus.history.schema.json", json.Output);
        var records = JsonNode.Parse(json.Output)!.AsArray();
        Assert.Equal([name, "succeeded"], records.Select(r => (string?)r!["outcome"]));
        Assert.Equal(["apply", "apply"], records.Select(r => (string?)r!["kind"]));
    }

    [Fact]
    public async Task History_OfARollback_SaysRollbackInTheTableAndInJson()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        sandbox.WriteValues("v2");
        sandbox.WriteManifest(Later);
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await sandbox.RunAsync("rollback", "--auto-approve")).ExitCode);

        var table = await sandbox.RunAsync("history");
        var json = await sandbox.RunAsync("history", "--json");

        Assert.Matches(@"\srollback\s+20260215T090000Z\s+20260301T000000Z\s+succeeded\s", table.Output);
        PublishedSchema.AssertValid("horadus.history.schema.json", json.Output);
        var newest = JsonNode.Parse(json.Output)!.AsArray()[0]!;
        Assert.Equal(("rollback", "succeeded"), ((string?)newest["kind"], (string?)newest["outcome"]));
    }
}

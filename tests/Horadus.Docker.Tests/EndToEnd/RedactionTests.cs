using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// Apps log connection strings and echo the key they were refused: what a failed gate reports (its last answer, the log
/// tail) goes to the terminal and the history, so the desired values are redacted out of it, wherever they appear.
/// </summary>
public sealed class RedactionTests(DockerRequirement docker)
{
    /// <summary>The stand-in logs its database URL at start and echoes a rejected key (ECHO_SECRETS=1).</summary>
    private static readonly Dictionary<string, string> EchoSecrets = new(StringComparer.Ordinal) { ["ECHO_SECRETS"] = "1" };

    [Fact]
    public async Task Apply_WhenTheNewWorkerLogsTheBadKeyItWasRefused_NeitherTheReportNorTheHistoryCarriesIt()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["worker"] };
        await OnFirstReleaseAsync(host, shape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");
        var history = await host.RunAsync("history", "--json");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("gate:        log", apply.Error, StringComparison.Ordinal);
        // The value was in the log line the gate matched, and in the log tail: it is replaced, not dropped.
        Assert.Contains("last answer: failure pattern 'invalid_api_key' in the log: ERROR 401 invalid_api_key (OPENAI_API_KEY_FILE: /run/secrets/horadus/openai_api_key holds a rejected value: [redacted hmac:", apply.Error, StringComparison.Ordinal);
        Assert.Contains("| connecting with DATABASE_URL=[redacted hmac:", apply.Error, StringComparison.Ordinal);
        AssertNoSecret(apply, history, host);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
    }

    [Fact]
    public async Task Apply_WhenTheNewApiAnswersItsHttpGateWithTheBadKey_NeitherTheReportNorTheHistoryCarriesIt()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["api"], Deadline = "4s" };
        await OnFirstReleaseAsync(host, shape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");
        var history = await host.RunAsync("history", "--json");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains($"gate:        http {host.HealthUrl}", apply.Error, StringComparison.Ordinal);
        Assert.Contains("last answer: not healthy within 4s; last answer: HTTP 500: OPENAI_API_KEY_FILE: /run/secrets/horadus/openai_api_key holds a rejected value: [redacted hmac:", apply.Error, StringComparison.Ordinal);
        Assert.Contains("| connecting with DATABASE_URL=[redacted hmac:", apply.Error, StringComparison.Ordinal);
        AssertNoSecret(apply, history, host);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(200, (await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);
    }

    private static async Task OnFirstReleaseAsync(RotationHost host, ManifestShape shape)
    {
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        var first = await host.RunAsync("apply", "--auto-approve", "--bootstrap");
        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (var service in shape.Services)
        {
            await host.StartServiceAsync(service, EchoSecrets);
        }

        if (shape.Services.Contains("api"))
        {
            await host.WaitForApiAsync();
        }
    }

    private static void AssertNoSecret(HoradusRun apply, HoradusRun history, RotationHost host)
    {
        var journal = File.ReadAllText(Path.Combine(host.Root, ".horadus", "history.jsonl"));
        foreach (var (what, text) in new[] { ("the apply's stdout and stderr", apply.All), ("history --json", history.All), (".horadus/history.jsonl", journal) })
        {
            Assert.False(text.Contains(BadOpenAiKey, StringComparison.Ordinal), $"{what} shows the bad key:\n{text}");
            Assert.False(text.Contains("SECRET-", StringComparison.Ordinal), $"{what} shows a secret value:\n{text}");
        }

        Assert.Contains("[redacted hmac:", journal, StringComparison.Ordinal);
    }
}

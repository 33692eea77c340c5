using Horadus.Core.Desired;
using Horadus.Core.Execution;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Tests.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Core.Tests.Execution;

/// <summary>Desired secret values never leave the gates: not in a failure's last answer, its log tail, nor the progress lines.</summary>
public sealed class SecretRedactorTests
{
    private const string OpenAiKey = "sk-live-0123456789abcdef";
    private const string DatabaseUrl = "postgresql://app:s3cr3t-pw@db:5432/horadus";

    private static readonly Uri Health = new("http://127.0.0.1:8000/health");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Redact_ReplacesEveryOccurrenceOfAValueWithoutItsTrailingNewline_ByItsFingerprint()
    {
        using var desired = Desired();
        var redactor = SecretRedactor.For(desired);
        var digest = desired.Files.Single(f => f.Name == "openai_api_key").Value.Digest.Short;

        var text = redactor.Redact($"401: key {OpenAiKey} rejected; retrying with {OpenAiKey}.");

        Assert.Equal($"401: key [redacted {digest}] rejected; retrying with [redacted {digest}].", text);
    }

    [Fact]
    public void Redact_HidesEachApiKeyOnItsOwn_AndAWholeValueBeforeAnyPartOfIt()
    {
        using var desired = Desired();
        var redactor = SecretRedactor.For(desired);

        var text = redactor.Redact($"bad key k-second-key-2; config: {DatabaseUrl}; first k-first-key-1,");

        Assert.DoesNotContain("k-second-key-2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("k-first-key-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("[redacted hmac:").Length - 1);
        Assert.EndsWith("; first [redacted " + desired.Files.Single(f => f.Name == "api_keys").Value.Digest.Short + "],", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_IgnoresValuesShorterThanTheMinimum_AndLeavesTextWithoutValuesAlone()
    {
        using var desired = Given.Desired(files: [("secret_key", "abc\n"), ("openai_api_key", OpenAiKey + "\n")]);
        var redactor = SecretRedactor.For(desired);

        Assert.Equal("abc: all good", redactor.Redact("abc: all good"));
        Assert.Equal(string.Empty, redactor.Redact(string.Empty));
        Assert.Equal("worker ready", SecretRedactor.None.Redact("worker ready"));
    }

    [Fact]
    public void Redact_OverlappingValues_BecomeOneMarker_WithNothingOfEitherLeft()
    {
        var redactor = new SecretRedactor([("abcdef", "[A]"), ("defghi", "[B]")]);

        Assert.Equal("x[A]y", redactor.Redact("xabcdefghiy"));
    }

    [Fact]
    public void Redact_AGateFailure_HidesTheValuesInItsLastAnswerAndEveryLogLine()
    {
        using var desired = Desired();
        var redactor = SecretRedactor.For(desired);

        var failure = redactor.Redact(new GateFailure("api", GateKind.Log, "log", $"failure pattern '401' in the log: 401 for {OpenAiKey}", ["booting", $"connecting to {DatabaseUrl}"]));

        Assert.DoesNotContain(OpenAiKey, failure.LastAnswer, StringComparison.Ordinal);
        Assert.StartsWith("failure pattern '401' in the log: 401 for [redacted hmac:", failure.LastAnswer, StringComparison.Ordinal);
        Assert.Equal("booting", failure.LogTail[0]);
        Assert.DoesNotContain("s3cr3t", failure.LogTail[1], StringComparison.Ordinal);
        Assert.StartsWith("connecting to [redacted hmac:", failure.LogTail[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitHealthy_WhenTheLogEchoesTheKey_TheFailureAndItsLogTailDoNotCarryIt()
    {
        using var desired = Desired();
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(Start)) { Log = [$"connecting to {DatabaseUrl}", $"ERROR 401 invalid_api_key: {OpenAiKey}"] };
        var gates = new HealthGates(null, true, TimeSpan.FromSeconds(1), ["invalid_api_key"], TimeSpan.FromSeconds(60));
        var runner = new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time, SecretRedactor.For(desired));

        var (failure, _) = await RunAsync(runner, Spec(gates), time);

        Assert.NotNull(failure);
        Assert.Equal("log", failure.Gate);
        Assert.StartsWith("failure pattern 'invalid_api_key' in the log: ERROR 401 invalid_api_key: [redacted hmac:", failure.LastAnswer, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAiKey, failure.LastAnswer, StringComparison.Ordinal);
        Assert.Equal(2, failure.LogTail.Count);
        Assert.All(failure.LogTail, line => Assert.DoesNotContain(OpenAiKey, line, StringComparison.Ordinal));
        Assert.All(failure.LogTail, line => Assert.DoesNotContain(DatabaseUrl, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitHealthy_WhenTheHttpBodyEchoesTheKey_NeitherTheFailureNorTheProgressCarriesIt()
    {
        using var desired = Desired();
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(Start)) { Log = ["api listening"] };
        var http = new HttpGate(Health, 200, null, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250));
        var gates = new HealthGates(http, true, TimeSpan.FromSeconds(1), [], TimeSpan.FromSeconds(2));
        var runner = new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(401, $"rejected key {OpenAiKey}", null)), time, SecretRedactor.For(desired));
        var progress = new List<string>();

        var (failure, _) = await RunAsync(runner, Spec(gates), time, progress);

        Assert.NotNull(failure);
        Assert.StartsWith("not healthy within 2s; last answer: HTTP 401: rejected key [redacted hmac:", failure.LastAnswer, StringComparison.Ordinal);
        Assert.NotEmpty(progress);
        Assert.All(progress, line => Assert.DoesNotContain(OpenAiKey, line, StringComparison.Ordinal));
    }

    private static DesiredState Desired() => Given.Desired(files:
    [
        ("database_url", DatabaseUrl + "\n"),
        ("openai_api_key", OpenAiKey + "\n"),
        ("api_keys", "k-first-key-1\nk-second-key-2\n"),
    ]);

    private static async Task<(GateFailure? Failure, TimeSpan Took)> RunAsync(HealthGateRunner runner, ServiceSpec spec, FakeTimeProvider time, List<string>? progress = null)
    {
        var task = runner.WaitHealthyAsync(spec, "api-1", [], m => progress?.Add(m), TestContext.Current.CancellationToken);
        for (var step = 0; !task.IsCompleted && step < 2000; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.True(task.IsCompleted, "the gate runner never finished");
        return (await task, time.GetUtcNow() - Start);
    }

    private static ServiceSpec Spec(HealthGates gates) =>
        new("api", ContainerSelector.Compose("horadus", "api"), "/run/secrets/horadus", TimeSpan.FromSeconds(10), [], gates, null);
}

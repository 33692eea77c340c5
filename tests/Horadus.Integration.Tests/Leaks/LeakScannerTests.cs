using System.Text;
using Horadus.Integration.Tests.Support;
using Horadus.Tests.Shared;
using Xunit.Sdk;

namespace Horadus.Integration.Tests.Leaks;

/// <summary>The leak scanner every in-process run goes through: it must catch a value in each form and place it looks at.</summary>
public sealed class LeakScannerTests
{
    private const string Value = "SECRET-v1-openai_api_key";

    public static TheoryData<string, string> Leaks => new()
    {
        { "as is", Value },
        { "in base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(Value)) },
        { "in base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(Value + "\n")) },
        { "in hex", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Value)) },
        { "in HEX", Convert.ToHexString(Encoding.UTF8.GetBytes(Value)) },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void AValueFromTheValuesFolder_InAFileTheRunWrote_FailsTheTest_NamingItsOriginNotItsValue(string form, string written)
    {
        using var sandbox = new Sandbox();
        var watch = LeakScanner.Before(sandbox.Directory, ["plan"]);
        Directory.CreateDirectory(Path.Combine(sandbox.Directory, "secrets", ".horadus"));
        File.WriteAllText(Path.Combine(sandbox.Directory, "secrets", ".horadus", "history.jsonl"), $"{{\"message\":\"{written}\"}}\n");

        var failure = Assert.Throws<FailException>(() => LeakScanner.AssertNoLeak(watch, string.Empty, string.Empty));

        Assert.Contains("(values/openai_api_key, ", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{form} in secrets/.horadus/history.jsonl", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueInStdoutOrStderr_FailsTheTest()
    {
        using var sandbox = new Sandbox();
        var watch = LeakScanner.Before(sandbox.Directory, ["plan"]);

        Assert.Throws<FailException>(() => LeakScanner.AssertNoLeak(watch, "plan: " + Value, string.Empty));
        Assert.Throws<FailException>(() => LeakScanner.AssertNoLeak(watch, string.Empty, "error near " + Value));
    }

    [Fact]
    public void TheExampleSopsPlaintext_AndTheInputOfSecretsEncrypt_AreKnownToo()
    {
        using var sandbox = new Sandbox();
        var plain = Path.Combine(sandbox.Directory, "plain.yaml");
        File.WriteAllText(plain, "token: typed-by-the-operator-42\n");
        var watch = LeakScanner.Before(sandbox.Directory, ["secrets", "encrypt", plain, "--age", Sandbox.ExampleRecipient]);

        Assert.Throws<FailException>(() => LeakScanner.AssertNoLeak(watch, "typed-by-the-operator-42", string.Empty));
        Assert.Throws<FailException>(() => LeakScanner.AssertNoLeak(watch, "dev-api-key-fake-one", string.Empty));
    }

    [Fact]
    public void TheReleases_TheValuesFolder_UnchangedFiles_AndShortValues_AreNotLeaks()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.Values, "short"), "1234567");
        var untouched = Path.Combine(sandbox.Directory, "notes.txt");
        File.WriteAllText(untouched, Value);
        var watch = LeakScanner.Before(sandbox.Directory, ["apply"]);
        var release = Directory.CreateDirectory(Path.Combine(sandbox.Directory, "secrets", "releases", "20260215T090000Z")).FullName;
        File.WriteAllText(Path.Combine(release, "openai_api_key"), Value);
        File.WriteAllText(Path.Combine(sandbox.Values, "copy"), Value);

        LeakScanner.AssertNoLeak(watch, "port 1234567", string.Empty);
    }

    [Fact]
    public async Task EveryInProcessRun_IsScanned_WithoutAnyOptIn()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);

        // A file named like a value: the plan prints the name, and the run itself fails, with no assertion in the test.
        File.WriteAllText(Path.Combine(sandbox.Values, "secret_key"), "SECRET-v2-secret_key\n");
        sandbox.WriteManifest("20260301T090000Z", "mapping:\n  files:\n    SECRET-v2-secret_key: LEAKY_FILE\n");
        File.WriteAllText(Path.Combine(sandbox.Values, "SECRET-v2-secret_key"), "x\n");

        var failure = await Assert.ThrowsAsync<FailException>(() => sandbox.RunAsync("plan", "--out", "plan.json"));

        Assert.Contains("values/secret_key", failure.Message, StringComparison.Ordinal);
    }
}

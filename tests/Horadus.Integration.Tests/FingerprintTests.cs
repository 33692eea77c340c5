using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>
/// What people see of a value is keyed by the root: a saved plan cannot confirm a guessed value offline, the same value
/// looks different under two roots, and the key is made by the first apply, never by a plan.
/// </summary>
public sealed partial class FingerprintTests
{
    [Fact]
    public async Task NothingShown_IsAPlainHashOfAValue()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var savedPlan = Path.Combine(sandbox.Directory, "first.plan.json");

        var results = new[]
        {
            await sandbox.RunAsync("plan", "-o", savedPlan),
            await sandbox.RunAsync("apply", "--auto-approve"),
            await sandbox.RunAsync("status", "--json"),
            await sandbox.RunAsync("history", "--json"),
            await SecondReleasePlanAsync(sandbox),
        };

        var shown = string.Join('\n', results.Select(r => r.All)) + File.ReadAllText(savedPlan) +
                    File.ReadAllText(Path.Combine(sandbox.Root, ".horadus", "history.jsonl"));
        Assert.Contains("hmac:", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256:", shown, StringComparison.Ordinal);
        foreach (var value in Directory.GetFiles(sandbox.Values))
        {
            var plain = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(value)))[..12];
            Assert.DoesNotContain(plain, shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheKey_IsMadeByTheFirstApply_Private_AndAPlanSavedBeforeItStillApplies()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var savedPlan = Path.Combine(sandbox.Directory, "first.plan.json");
        var beforePlan = sandbox.TreeFingerprint();

        var plan = await sandbox.RunAsync("plan");
        var unchanged = sandbox.TreeFingerprint() == beforePlan;
        await sandbox.RunAsync("plan", "-o", savedPlan);
        var apply = await sandbox.RunAsync("apply", savedPlan, "--auto-approve");

        Assert.Equal(0, plan.ExitCode);
        Assert.True(unchanged, "plan wrote into the sandbox");
        Assert.Matches(@"\+ file/api_keys\s+hmac:[0-9a-f]{12}", plan.Output);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var key = Path.Combine(sandbox.Root, ".horadus", "fingerprint.key");
        Assert.Equal("600", Owner.ModeOf(key));
        Assert.Equal(32, new FileInfo(key).Length);
    }

    [Fact]
    public async Task OneValue_HasOneFingerprintPerRoot_StableThere_AndDifferentUnderAnotherRoot()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var other = Path.Combine(sandbox.Directory, "other-secrets");
        await sandbox.RunAsync("apply", "--auto-approve");
        await sandbox.RunAsync("apply", "--auto-approve", "--root", other);

        var first = Fingerprint(await SecondReleasePlanAsync(sandbox));
        var again = Fingerprint(await sandbox.RunAsync("plan"));
        var elsewhere = Fingerprint(await sandbox.RunAsync("plan", "--root", other));

        Assert.Equal(first, again);
        Assert.NotEqual(first, elsewhere);
    }

    [Fact]
    public async Task AKeyFileReadableByOthers_IsReported_AndNoFingerprintIsShownWithIt()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var key = Path.Combine(sandbox.Root, ".horadus", "fingerprint.key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var plan = await SecondReleasePlanAsync(sandbox);

        Assert.Contains($"the fingerprint key {key} is readable by others than its owner (mode 0604); restrict it: chmod 600 {key}", plan.All, StringComparison.Ordinal);
        Assert.Matches(@"\+ file/api_keys\s+hmac:\(not shown\)", plan.Output);
        Assert.DoesNotMatch(@"hmac:[0-9a-f]{12}", plan.All);
    }

    /// <summary>A new stamp and new values, so the plan lists every file with its fingerprint.</summary>
    private static async Task<CliResult> SecondReleasePlanAsync(Sandbox sandbox)
    {
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260301T090000Z");
        return await sandbox.RunAsync("plan");
    }

    private static string Fingerprint(CliResult plan) => ApiKeysLine().Match(plan.Output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"no fingerprint for api_keys in the plan: {plan}");

    [GeneratedRegex(@"\+ file/api_keys\s+(hmac:[0-9a-f]{12})")]
    private static partial Regex ApiKeysLine();
}

using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>Rollback goes to a release already on disk: it must work when the new values can no longer be read.</summary>
public sealed class RollbackWithoutValuesTests
{
    private const string First = "20260215T090000Z";
    private const string Second = "20260301T000000Z";

    [Fact]
    public async Task Rollback_WhenAMappedValueIsMissing_StillGoesBackToTheNamedRelease()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest(First);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        sandbox.WriteValues("v2");
        sandbox.WriteManifest(Second);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        var firstRelease = Sandbox.TreeFingerprint(Path.Combine(sandbox.Root, "releases", First));

        // The values source is broken now: a mapped file is gone (as a lost age key or a broken SOPS file would be).
        File.Delete(Path.Combine(sandbox.Values, "openai_api_key"));
        var validate = await sandbox.RunAsync("validate");
        var rollback = await sandbox.RunAsync("rollback", "--auto-approve", "--to", First);

        Assert.Equal(1, validate.ExitCode);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.EndsWith(First, new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
        Assert.Equal("SECRET-v1-openai_api_key\n", File.ReadAllText(Path.Combine(sandbox.Root, "current", "openai_api_key")));
        Assert.Equal(firstRelease, Sandbox.TreeFingerprint(Path.Combine(sandbox.Root, "releases", First)));
        Assert.DoesNotContain("SECRET-", rollback.All, StringComparison.Ordinal);
    }
}

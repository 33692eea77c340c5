using Horadus.Core.Ports;
using Horadus.Git.Tests.Support;
using Horadus.Host.Git;

namespace Horadus.Git.Tests;

/// <summary>Real SSH signatures: keys made by ssh-keygen, commits signed by git (gpg.format=ssh), checked against an allowed-signers file.</summary>
public sealed class VerificationTests : IDisposable
{
    private readonly GitWorld world = new();
    private readonly string alice;
    private readonly string mallory;
    private readonly string allowed;

    public VerificationTests()
    {
        Assert.SkipUnless(SshKeygen.Available, "ssh-keygen is missing and could not be installed (apt-get install -y openssh-client)");
        alice = world.NewKey("alice");
        mallory = world.NewKey("mallory");
        allowed = world.AllowedSigners(("alice@example.org", alice));
    }

    public void Dispose() => world.Dispose();

    private GitManifestSource Verifying() => new(world.Options() with { AllowedSignersFile = allowed });

    [Fact]
    public async Task Fetch_OfACommitSignedByAnAllowedKey_IsAcceptedAndSaysWhoSigned()
    {
        var commit = world.Commit("release: signed\n", signingKey: alice);
        using var source = Verifying();

        var revision = await source.FetchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(commit, revision.Commit);
        Assert.Equal(new CommitSignature("alice@example.org", world.FingerprintOf(alice)), revision.Signature);
        Assert.Equal("release: signed\n", world.Read(revision.ManifestPath));
    }

    [Fact]
    public async Task Fetch_OfAnUnsignedCommit_IsRefusedNamingTheCommit_AndNeverCheckedOut()
    {
        world.Commit("release: signed\n", signingKey: alice);
        using var source = Verifying();
        var accepted = await source.FetchAsync(TestContext.Current.CancellationToken);

        var unsigned = world.Commit("release: unsigned\n");
        var error = await source.RefusedAsync(ManifestSourceProblem.Unsigned);
        Assert.Equal(ManifestSourceFailure.Verification, error.Kind);
        Assert.Equal(unsigned, error.Commit);
        Assert.Contains(unsigned, error.Message, StringComparison.Ordinal);
        Assert.Equal("release: signed\n", world.Read(accepted.ManifestPath));
    }

    [Fact]
    public async Task Fetch_OfACommitSignedByAnUnknownKey_IsRefusedNamingCommitAndKey()
    {
        var forged = world.Commit("release: forged\n", signingKey: mallory);
        using var source = Verifying();

        var error = await source.RefusedAsync(ManifestSourceProblem.UnknownSigner);
        Assert.Equal(ManifestSourceFailure.Verification, error.Kind);
        Assert.Equal(forged, error.Commit);
        Assert.Contains(world.FingerprintOf(mallory), error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(source.TreePath, GitWorld.Manifest)));
    }

    [Fact]
    public async Task Fetch_WithoutVerification_AcceptsAnUnsignedCommit()
    {
        var commit = world.Commit("release: unsigned\n");
        var revision = await world.FetchOnceAsync();

        Assert.Equal(commit, revision.Commit);
        Assert.Null(revision.Signature);
    }

    [Fact]
    public async Task Fetch_WhenTheAllowedSignersFileIsMissing_IsAConfigurationError()
    {
        world.Commit("release: signed\n", signingKey: alice);
        using var source = new GitManifestSource(world.Options() with { AllowedSignersFile = Path.Combine(world.Root, "missing") });

        var error = await source.RefusedAsync(ManifestSourceProblem.InvalidSettings);
        Assert.Equal(ManifestSourceFailure.Configuration, error.Kind);
    }
}

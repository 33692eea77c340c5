using Horadus.Core.Ports;
using Horadus.Git.Tests.Support;
using Horadus.Host.Git;

namespace Horadus.Git.Tests;

public sealed class FetchTests : IDisposable
{
    private readonly GitWorld world = new();

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task Fetch_AtBranch_ChecksOutTheBranchHead()
    {
        var commit = world.Commit("release: one\n");
        var revision = await world.FetchOnceAsync(world.Options("main"));

        Assert.Equal(commit, revision.Commit);
        Assert.Equal("refs/heads/main", revision.Ref);
        Assert.Null(revision.Signature);
        Assert.Equal(Path.Combine(revision.TreePath, GitWorld.Manifest), revision.ManifestPath);
        Assert.Equal("release: one\n", world.Read(revision.ManifestPath));
    }

    [Fact]
    public async Task Fetch_AtAnnotatedTag_StaysOnTheTaggedCommitWhileTheBranchMoves()
    {
        var tagged = world.Commit("release: tagged\n");
        world.Git("-c", "user.name=Test", "-c", "user.email=test@example.org", "tag", "-a", "-m", "v1", "v1");
        world.Commit("release: later\n");
        var revision = await world.FetchOnceAsync(world.Options("v1"));

        Assert.Equal(tagged, revision.Commit);
        Assert.Equal("refs/tags/v1", revision.Ref);
        Assert.Equal("release: tagged\n", world.Read(revision.ManifestPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fetch_AtFullCommitSha_ChecksOutThatCommit(bool upperCase)
    {
        var pinned = world.Commit("release: pinned\n");
        world.Commit("release: later\n");
        var revision = await world.FetchOnceAsync(world.Options(upperCase ? pinned.ToUpperInvariant() : pinned));

        Assert.Equal(pinned, revision.Commit);
        Assert.Equal(pinned, revision.Ref);
        Assert.Equal("release: pinned\n", world.Read(revision.ManifestPath));
    }

    [Fact]
    public async Task Fetch_AfterANewCommit_FollowsIt()
    {
        world.Commit("release: one\n");
        using var source = new GitManifestSource(world.Options());
        await source.FetchAsync(TestContext.Current.CancellationToken);

        var second = world.Commit("release: two\n");
        var revision = await source.FetchAsync(TestContext.Current.CancellationToken);

        world.AssertCheckedOut(revision, second, "release: two\n");
    }

    [Fact]
    public async Task Fetch_AfterAnAmendAndForcePush_FollowsTheRewrittenBranchAndDropsFilesItNoLongerHas()
    {
        world.Commit("release: one\n");
        var extra = world.Commit("stale\n", file: "extra.txt");
        using (var first = new GitManifestSource(world.Options()))
        {
            var before = await first.FetchAsync(TestContext.Current.CancellationToken);
            Assert.Equal(extra, before.Commit);
            Assert.True(File.Exists(Path.Combine(before.TreePath, "extra.txt")));
        }

        // History rewritten upstream: the last commit dropped, the one before amended.
        world.Git("reset", "--quiet", "--hard", "HEAD~1");
        var amended = world.Commit("release: amended\n", amend: true);

        // A new source on the same cache: what a restarted daemon does.
        using var second = new GitManifestSource(world.Options());
        var revision = await second.FetchAsync(TestContext.Current.CancellationToken);

        world.AssertCheckedOut(revision, amended, "release: amended\n");
        Assert.False(File.Exists(Path.Combine(revision.TreePath, "extra.txt")));
    }

    [Fact]
    public async Task Fetch_WhenTheBranchWasDeleted_IsAConfigurationErrorNamingItAndKeepsTheLastTree()
    {
        world.Commit("release: one\n");
        world.Git("checkout", "--quiet", "-b", "deploy");
        var last = world.Commit("release: deploy\n");
        using var source = new GitManifestSource(world.Options("deploy"));
        var revision = await source.FetchAsync(TestContext.Current.CancellationToken);

        world.Git("checkout", "--quiet", "main");
        world.Git("branch", "--quiet", "-D", "deploy");
        var error = await source.RefusedAsync(ManifestSourceProblem.RefDeleted);
        Assert.Equal(ManifestSourceFailure.Configuration, error.Kind);
        Assert.Contains("branch 'deploy' was deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains(last, error.Message, StringComparison.Ordinal);
        Assert.Equal("release: deploy\n", world.Read(revision.ManifestPath));
    }

    [Fact]
    public async Task Fetch_OfARefThatIsNotThere_IsAConfigurationError()
    {
        world.Commit("release: one\n");
        using var source = new GitManifestSource(world.Options("no-such-branch"));

        var error = await source.RefusedAsync(ManifestSourceProblem.RefNotFound);
        Assert.Equal(ManifestSourceFailure.Configuration, error.Kind);
        Assert.Contains("'no-such-branch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_OfAnUnknownCommitSha_IsAConfigurationError()
    {
        world.Commit("release: one\n");
        using var source = new GitManifestSource(world.Options(new string('a', 40)));

        var error = await source.RefusedAsync(ManifestSourceProblem.RefNotFound);
        Assert.Contains(new string('a', 40), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_OfANameThatIsBothBranchAndTag_IsRefusedAsAmbiguous_AndTheFullRefNamesOne()
    {
        var onTag = world.Commit("release: tag\n");
        world.Git("tag", "release");
        world.Git("checkout", "--quiet", "-b", "release");
        var onBranch = world.Commit("release: branch\n");
        using var ambiguous = new GitManifestSource(world.Options("release"));

        var error = await ambiguous.RefusedAsync(ManifestSourceProblem.AmbiguousRef);
        ambiguous.Dispose();
        using var branch = new GitManifestSource(world.Options("refs/heads/release"));
        var viaBranch = await branch.FetchAsync(TestContext.Current.CancellationToken);
        branch.Dispose();
        using var tag = new GitManifestSource(world.Options("refs/tags/release"));
        var viaTag = await tag.FetchAsync(TestContext.Current.CancellationToken);
        Assert.Equal(onBranch, viaBranch.Commit);
        Assert.Equal(onTag, viaTag.Commit);
    }

    [Fact]
    public async Task Fetch_WithAManifestPathInAFolder_ReturnsThatFile()
    {
        world.Commit("release: nested\n", file: "hosts/prod/horadus.desired.yaml");
        var revision = await world.FetchOnceAsync(world.Options() with { ManifestPath = "hosts/prod/horadus.desired.yaml" });

        Assert.Equal("release: nested\n", world.Read(revision.ManifestPath));
    }

    [Fact]
    public async Task Fetch_WhenTheManifestPathIsNotInTheCommit_IsAConfigurationErrorNamingPathAndCommit()
    {
        var commit = world.Commit("release: one\n");
        using var source = new GitManifestSource(world.Options() with { ManifestPath = "hosts/missing.yaml" });

        var error = await source.RefusedAsync(ManifestSourceProblem.ManifestNotFound);
        Assert.Equal(ManifestSourceFailure.Configuration, error.Kind);
        Assert.Contains("hosts/missing.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(commit, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_WhenTheManifestIsASymbolicLink_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(world.Upstream, GitWorld.Manifest), "/etc/passwd");
        world.Commit("other\n", file: "other.txt");
        using var source = new GitManifestSource(world.Options());

        var error = await source.RefusedAsync(ManifestSourceProblem.ManifestNotFound);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("/etc/horadus.desired.yaml")]
    [InlineData("a//b.yaml")]
    [InlineData(".git/config")]
    public void NewSource_WithAManifestPathOutsideTheRepository_IsRefusedAsInvalidSettings(string path)
    {
        var error = Assert.Throws<ManifestSourceException>(() => new GitManifestSource(world.Options() with { ManifestPath = path }));

        Assert.Equal(ManifestSourceProblem.InvalidSettings, error.Problem);
        Assert.Equal(ManifestSourceFailure.Configuration, error.Kind);
        Assert.Contains("manifest path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewSource_WithSeveralBadSettings_ListsThemAll()
    {
        var error = Assert.Throws<ManifestSourceException>(() => new GitManifestSource(new GitSourceOptions
        {
            Repository = "",
            Ref = "--upload-pack=evil",
            CacheDirectory = "",
            Timeout = TimeSpan.Zero,
        }));

        foreach (var setting in new[] { "repository:", "ref:", "cache directory:", "timeout:" })
        {
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        }
    }
}

using Horadus.Git.Tests.Support;
using Horadus.Host.Git;

namespace Horadus.Git.Tests;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>Changes this process's environment, so it runs alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class HostConfigurationTests : IDisposable
{
    private static readonly string[] Variables = ["GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0", "GIT_DIR"];
    private readonly GitWorld world = new();

    public void Dispose()
    {
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        world.Dispose();
    }

    [Fact]
    public async Task Fetch_IgnoresGitConfigurationAndVariablesOfTheHost()
    {
        var commit = world.Commit("release: one\n");
        // Honoured, these would send the fetch elsewhere and point every git call at another repository.
        Environment.SetEnvironmentVariable("GIT_CONFIG_COUNT", "1");
        Environment.SetEnvironmentVariable("GIT_CONFIG_KEY_0", "url./nonexistent/elsewhere.insteadOf");
        Environment.SetEnvironmentVariable("GIT_CONFIG_VALUE_0", world.Upstream);
        Environment.SetEnvironmentVariable("GIT_DIR", "/nonexistent/git-dir");
        using var source = new GitManifestSource(world.Options());

        var revision = await source.FetchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(commit, revision.Commit);
    }
}

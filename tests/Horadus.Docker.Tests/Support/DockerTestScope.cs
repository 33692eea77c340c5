using DotNet.Testcontainers.Builders;

namespace Horadus.Docker.Tests.Support;

/// <summary>
/// One test's Docker resources: a fresh <c>horadus.test=&lt;id&gt;</c> label on every container it starts (replacements copy it),
/// a temp secrets root, and the engine under test. Disposing removes exactly what carries the label.
/// </summary>
public sealed class DockerTestScope : IAsyncDisposable
{
    public const string TestLabel = TestContainers.TestLabel;
    public const string Release1 = "20260101T000000Z";
    public const string Release2 = "20260201T000000Z";

    public static readonly string[] SecretFiles = ["database_url", "api_keys"];

    private DockerTestScope(DockerRequirement docker)
    {
        Docker = docker;
        Id = Guid.NewGuid().ToString("N")[..10];
        Secrets = new SecretsRoot(Path.Combine(Path.GetTempPath(), "horadus-docker-tests", Id));
        Engine = new DockerContainerEngine(docker.Endpoint);
        Containers = new TestContainers(Id);
    }

    public DockerRequirement Docker { get; }

    public string Id { get; }

    public SecretsRoot Secrets { get; }

    public DockerContainerEngine Engine { get; }

    /// <summary>The containers this test starts itself, and the removal of everything carrying its label.</summary>
    public TestContainers Containers { get; }

    public string LabelFilter => Containers.LabelFilter;

    public static Dictionary<string, string> FileVariables => SecretsRoot.FileVariablesFor(SecretFiles);

    /// <summary>Skips (or fails) when no engine is reachable; else a scope with two releases, <c>current</c> on the first.</summary>
    public static async Task<DockerTestScope> StartAsync(DockerRequirement docker)
    {
        docker.Require();
        var scope = new DockerTestScope(docker);
        scope.Secrets.AddRelease(Release1, new Dictionary<string, string> { ["database_url"] = "postgres://one", ["api_keys"] = "key-one" });
        scope.Secrets.AddRelease(Release2, new Dictionary<string, string> { ["database_url"] = "postgres://two", ["api_keys"] = "key-two" });
        await scope.Secrets.PointCurrentAtAsync(Release1);
        return scope;
    }

    public string NameOf(string service) => $"hrd-{Id}-{service}";

    /// <summary>
    /// Starts a stand-in with the runbook's wiring (read-only bind of <c>current</c>, <c>*_FILE</c> variables), host network,
    /// through Testcontainers; <paramref name="customize"/> adds what a test needs (a restart policy, a healthcheck, ...).
    /// </summary>
    public Task<string> StartStandInAsync(
        string service,
        string role = "worker",
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<ContainerBuilder, ContainerBuilder>? customize = null,
        IEnumerable<string>? command = null,
        string image = StandInImage.Tag)
    {
        var env = new Dictionary<string, string>(FileVariables) { ["ROLE"] = role, ["INTERVAL"] = "0.3" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var builder = Containers.Service(image, NameOf(service), Secrets.Current, env).WithLabel(labels ?? new Dictionary<string, string>());
        if (command is not null)
        {
            builder = builder.WithCommand(command.ToArray());
        }

        return Containers.StartAsync(customize is null ? builder : customize(builder));
    }

    public async ValueTask DisposeAsync()
    {
        Engine.Dispose();
        await Containers.DisposeAsync();
        try
        {
            Directory.Delete(Secrets.Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

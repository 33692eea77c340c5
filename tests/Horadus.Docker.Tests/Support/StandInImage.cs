using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;

namespace Horadus.Docker.Tests.Support;

/// <summary>
/// Builds <see cref="Tag"/> from the StandInImage folder plus Debian's static busybox, once per run, and on top of it
/// <see cref="AppEntrypointTag"/>, the variant whose entrypoint is an app that must not run; both with Testcontainers'
/// <see cref="ImageFromDockerfileBuilder"/>.
/// </summary>
/// <remarks>
/// Runs in other worktrees share the engine and <see cref="Tag"/>. The base is built under a tag of this run (so a failed
/// build cannot hide behind an image an earlier run left: Testcontainers checks that the tag it built exists) and is given
/// the shared <see cref="Tag"/> by the same build, through a build-parameter modifier; deleting the shared tag first
/// (Testcontainers' <c>WithDeleteIfExists</c>) would pull it from under the containers of a concurrent run. Testcontainers'
/// own labels (one carries its session id) are left off the images: every container made from an image inherits its labels,
/// so they would reach the containers of other runs, and a new session id each run would make each build a new image.
/// </remarks>
public static class StandInImage
{
    public const string Tag = "horadus-standin:test";
    public const string AppUid = "10001";

    /// <summary>What the variant's entrypoint prints first: the sign that it ran.</summary>
    public const string AppEntrypointStarted = "app entrypoint started";

    /// <summary>The variant is labelled with this run's id, so it is this run's to remove.</summary>
    public const string RunLabel = "horadus.test.run";

    private static readonly string[] BusyboxCandidates = ["/bin/busybox", "/usr/bin/busybox"];

    private static readonly string RunId = Guid.NewGuid().ToString("N")[..10];

    private static readonly List<IFutureDockerImage> Built = [];

    /// <summary>
    /// <see cref="Tag"/> with an ENTRYPOINT that ignores its arguments and serves until stopped (StandInImage/Dockerfile.app-entrypoint).
    /// Tagged per run, so runs in other worktrees sharing the engine neither see nor remove it.
    /// </summary>
    public static string AppEntrypointTag { get; } = $"horadus-standin-appentry:{RunId}";

    private static string RunTag { get; } = $"horadus-standin:{RunId}";

    public static async Task BuildAsync(CancellationToken cancellationToken)
    {
        var busybox = BusyboxCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("busybox not found: install Debian's busybox-static (apt-get install -y busybox-static).");
        var context = Directory.CreateTempSubdirectory("horadus-standin-");
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "StandInImage");
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(context.FullName, Path.GetRelativePath(folder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.Copy(busybox, Path.Combine(context.FullName, "busybox"));
            await BuildOneAsync(Builder(context.FullName, "Dockerfile", RunTag).WithCreateParameterModifier(p => p.Tags!.Add(Tag)), busybox, cancellationToken);
            await BuildOneAsync(Builder(context.FullName, "Dockerfile.app-entrypoint", AppEntrypointTag).WithBuildArgument("BASE", RunTag).WithLabel(RunLabel, RunId), busybox, cancellationToken);
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    /// <summary>Removes this run's tags: the variant goes, the shared <see cref="Tag"/> stays for the next run's build cache.</summary>
    public static async Task RemoveRunImagesAsync()
    {
        foreach (var image in Built)
        {
            await image.DeleteAsync();
            await image.DisposeAsync();
        }
    }

    private static ImageFromDockerfileBuilder Builder(string context, string dockerfile, string tag) =>
        new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(context)
            .WithDockerfile(dockerfile)
            .WithName(tag)
            .WithDeleteIfExists(false)
            .WithCleanUp(false)
            .WithCreateParameterModifier(p =>
            {
                foreach (var key in p.Labels!.Keys.Where(k => k.StartsWith("org.testcontainers", StringComparison.Ordinal)).ToList())
                {
                    p.Labels.Remove(key);
                }
            });

    private static async Task BuildOneAsync(ImageFromDockerfileBuilder builder, string busybox, CancellationToken cancellationToken)
    {
        var image = builder.Build();
        Built.Add(image);
        try
        {
            await image.CreateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new InvalidOperationException($"docker build of {image.FullName} failed: {ex.Message} (is {busybox} the static build from busybox-static?)", ex);
        }
    }
}

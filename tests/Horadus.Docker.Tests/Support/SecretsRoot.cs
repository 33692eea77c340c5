namespace Horadus.Docker.Tests.Support;

/// <summary>A secrets root as the runbook lays it out: <c>releases/&lt;stamp&gt;/&lt;file&gt;</c> and a <c>current</c> symlink.</summary>
public sealed class SecretsRoot(string path)
{
    public const string MountPath = "/run/secrets/horadus";

    public string Path { get; } = path;

    public string Current => System.IO.Path.Combine(Path, "current");

    public string ReleaseDirectory(string stamp) => System.IO.Path.Combine(Path, "releases", stamp);

    public string AddRelease(string stamp, IReadOnlyDictionary<string, string> files)
    {
        var directory = ReleaseDirectory(stamp);
        Directory.CreateDirectory(directory);
        foreach (var (name, value) in files)
        {
            var file = System.IO.Path.Combine(directory, name);
            File.WriteAllText(file, value);
            // The stand-in runs as uid 10001: world-readable is fine for throwaway test values.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        return directory;
    }

    /// <summary>
    /// Swings <c>current</c> atomically: a new link renamed over the old one (<c>mv -T</c>, as File.Move refuses a link to a directory).
    /// </summary>
    public async Task PointCurrentAtAsync(string stamp)
    {
        var staging = Current + ".next";
        File.Delete(staging);
        File.CreateSymbolicLink(staging, ReleaseDirectory(stamp));
        var moved = await DockerCli.RunAsync("mv", ["-T", staging, Current]);
        Assert.True(moved.ExitCode == 0, $"mv -T {staging} {Current}: {moved.Stderr}");
    }

    public static Dictionary<string, string> FileVariablesFor(IEnumerable<string> files) =>
        files.ToDictionary(f => f.ToUpperInvariant() + "_FILE", f => $"{MountPath}/{f}", StringComparer.Ordinal);
}

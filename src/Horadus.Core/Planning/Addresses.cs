using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

/// <summary>The addresses that name what a change touches, and the relative paths behind them.</summary>
public static class Addresses
{
    public const string Root = "root";
    public const string ReleasesDirectory = SecretsTree.Releases;
    public const string Current = SecretsTree.Current;

    public static string Release(ReleaseStamp stamp) => $"release/{stamp}";

    public static string File(ReleaseStamp stamp, string name) => $"release/{stamp}/file/{name}";

    public static string Staging(string name) => $"staging/{name}";

    public static string Service(string name) => $"service/{name}";

    public static string SwarmSecret(string name) => $"swarm-secret/{name}";

    public static string SwarmService(string name) => $"swarm-service/{name}";

    public static string ReleasePath(ReleaseStamp stamp) => SecretsTree.ReleasePath(stamp);

    public static string FilePath(ReleaseStamp stamp, string name) => SecretsTree.FilePath(stamp, name);
}

namespace Horadus.Core.Desired;

/// <summary>The layout of a secrets root, the one home of its names: the host adapter, the planner and the engine use these.</summary>
public static class SecretsTree
{
    public const string Releases = "releases";
    public const string Current = "current";
    public const string StateDirectory = ".horadus";

    /// <summary>A release being written; renamed to its stamp once complete.</summary>
    public const string StagingPrefix = ".staging-";

    /// <summary>A release being deleted; renamed out of the way first so it never looks half-present.</summary>
    public const string DeletingPrefix = ".deleting-";

    /// <summary>The fresh symlink that is renamed over <c>current</c>.</summary>
    public const string CurrentStaging = ".current.next";

    public static string ReleasePath(ReleaseStamp stamp) => $"{Releases}/{stamp}";

    public static string FilePath(ReleaseStamp stamp, string name) => $"{Releases}/{stamp}/{name}";

    public static string CurrentPath(string root) => Path.Combine(root, Current);

    public static string ReleaseDirectory(string root, ReleaseStamp stamp) => Path.Combine(root, Releases, stamp.ToString());
}

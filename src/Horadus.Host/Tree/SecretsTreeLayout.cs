namespace Horadus.Host.Tree;

/// <summary>The names Horadus uses under a secrets root.</summary>
internal static class SecretsTreeLayout
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

    public static bool IsStaging(string name) =>
        name.StartsWith(StagingPrefix, StringComparison.Ordinal) || name.StartsWith(DeletingPrefix, StringComparison.Ordinal);
}

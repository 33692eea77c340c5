using Horadus.Core.Desired;

namespace Horadus.Host.Tree;

/// <summary>The names Horadus uses under a secrets root, as <see cref="SecretsTree"/> defines them.</summary>
internal static class SecretsTreeLayout
{
    public const string Releases = SecretsTree.Releases;
    public const string Current = SecretsTree.Current;
    public const string StateDirectory = SecretsTree.StateDirectory;
    public const string StagingPrefix = SecretsTree.StagingPrefix;
    public const string DeletingPrefix = SecretsTree.DeletingPrefix;
    public const string CurrentStaging = SecretsTree.CurrentStaging;

    public static bool IsStaging(string name) =>
        name.StartsWith(StagingPrefix, StringComparison.Ordinal) || name.StartsWith(DeletingPrefix, StringComparison.Ordinal);
}

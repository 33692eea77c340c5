using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests.Hostile;

/// <summary>
/// The hostile corpus: manifests, SOPS files and host states that must each be refused with exit 1, a message naming
/// the problem and its place, and the host left byte for byte as it was. One table per category, in its own file.
/// </summary>
internal static partial class HostileCorpus
{
    public const string Old = "20260215T090000Z";
    public const string New = "20260301T090000Z";

    /// <summary>A name no other run uses, for traversals that would land beside the sandbox (in its parent folder).</summary>
    public static readonly string EscapeName = "horadus-corpus-escape-" + Guid.NewGuid().ToString("N")[..8];

    public static IReadOnlyDictionary<string, HostileCase> All { get; } = Build();

    private static Dictionary<string, HostileCase> Build()
    {
        var all = new Dictionary<string, HostileCase>(StringComparer.Ordinal);
        foreach (var (category, table) in new[] { ("manifest", Manifests()), ("sops", SopsFiles()), ("host", HostStates()) })
        {
            foreach (var (name, hostile) in table)
            {
                all.Add($"{category}: {name}", hostile with { Category = category });
            }
        }

        return all;
    }

    /// <summary>A sandbox with release <see cref="Old"/> applied from its values directory: the tree a hostile input meets.</summary>
    public static async Task AppliedAsync(Sandbox sandbox)
    {
        sandbox.WriteManifest(Old);
        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        Assert.True(apply.ExitCode == 0, apply.ToString());
    }
}

using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests.Hostile;

/// <summary>
/// One hostile input of the corpus: how to arrange the sandbox (a manifest, a SOPS file, a host state), the commands to run
/// on it, and the text every one of them must print on stderr: the problem and its place (file:line:column, a key or a
/// path). <see cref="Outside"/> names paths beyond the sandbox that a traversal would create, which must not appear.
/// </summary>
internal sealed record HostileCase(string Category, Func<Sandbox, Task> Arrange, string Expected)
{
    /// <summary>plan and apply, by default: the dry run and the real one must refuse alike.</summary>
    public IReadOnlyList<string[]> Commands { get; init; } = [["plan"], ["apply", "--auto-approve"]];

    public IReadOnlyList<string> Outside { get; init; } = [];
}

namespace Horadus.Core.Ports;

/// <summary>What a new container differs in from the one it replaces.</summary>
/// <param name="Release">Value of the <c>horadus.release</c> label on the new container.</param>
/// <param name="MountSource">Host path bound read-only at <paramref name="MountPath"/> (the <c>current</c> link).</param>
/// <param name="FileVariables">The <c>*_FILE</c> variables the new container must have (others are kept as they were).</param>
/// <param name="StartFirst">Start the new container before the old one stops (renamed aside first either way).</param>
public sealed record ReplacementSpec(
    string Release,
    string MountSource,
    string MountPath,
    IReadOnlyDictionary<string, string> FileVariables,
    TimeSpan StopTimeout,
    bool StartFirst = false);

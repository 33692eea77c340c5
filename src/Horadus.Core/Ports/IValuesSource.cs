using Horadus.Core.Diagnostics;

namespace Horadus.Core.Ports;

/// <summary>
/// Where a release's values come from (a SOPS file, a plain directory): the bytes of each mapped file, by its name,
/// held only in memory. Problems are collected, never thrown, and never carry a value.
/// </summary>
public interface IValuesSource
{
    IReadOnlyDictionary<string, byte[]> Read(List<Diagnostic> problems);
}

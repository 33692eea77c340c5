using Horadus.Core.Desired;

namespace Horadus.Core.Observed;

/// <summary>A <c>releases/&lt;stamp&gt;</c> directory and its files.</summary>
public sealed record ObservedRelease(ReleaseStamp Stamp, EntryAttributes Attributes, IReadOnlyList<ObservedFile> Files)
{
    public ObservedFile? File(string name) => Files.FirstOrDefault(f => f.Name == name);
}

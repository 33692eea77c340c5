namespace Horadus.Core.Observed;

/// <summary>Something under the root that Horadus did not create. Reported, never touched.</summary>
public sealed record ForeignEntry(string RelativePath, EntryType Type);

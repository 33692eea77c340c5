using Horadus.Core.Diagnostics;

namespace Horadus.Core.Desired;

/// <summary>One entry of the manifest's mapping: the file's name in a release, its variable, and where it was declared.</summary>
public sealed record MappedFile(string File, string Variable, SourceLocation Location);

namespace Horadus.Core.Diagnostics;

/// <summary>Where in an input file a problem sits (1-based line and column).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

namespace Horadus.Manifest.Yaml;

/// <summary>1-based line and column of a node's first character, as YamlDotNet marks it.</summary>
internal readonly record struct TextPosition(int Line, int Column);

/// <summary>
/// A YAML node that remembers where it was written. We build our own small tree (rather than
/// YamlDotNet's representation model) so duplicate keys become diagnostics instead of an exception.
/// </summary>
internal abstract record YamlTreeNode(TextPosition Position);

/// <summary>A scalar; <paramref name="IsPlain"/> is false for quoted and block scalars, which are always strings.</summary>
internal sealed record YamlTreeScalar(string Value, bool IsPlain, TextPosition Position) : YamlTreeNode(Position);

internal sealed record YamlTreeSequence(IReadOnlyList<YamlTreeNode> Items, TextPosition Position) : YamlTreeNode(Position);

/// <summary>A mapping in document order; keys are scalars (other keys are reported while reading).</summary>
internal sealed record YamlTreeMapping(IReadOnlyList<YamlTreeEntry> Entries, TextPosition Position) : YamlTreeNode(Position);

internal sealed record YamlTreeEntry(YamlTreeScalar Key, YamlTreeNode Value);

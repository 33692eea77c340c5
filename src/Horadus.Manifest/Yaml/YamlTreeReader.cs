using Horadus.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Horadus.Manifest.Yaml;

/// <summary>
/// Reads YAML text into a <see cref="YamlTreeNode"/> tree through YamlDotNet's event parser, keeping positions.
/// Syntax errors end reading (the rest of the text cannot be trusted); duplicate and non-scalar keys are
/// collected and reading goes on, so they are reported together with everything else.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly string _displayPath;
    private readonly List<Diagnostic> _diagnostics;
    // A manifest is small. These limits keep hostile input (deep nesting, alias "billion laughs") from
    // exhausting the stack or memory: the tree counts each node as often as aliases would repeat it in JSON.
    private const int MaxDepth = 64;
    private const long MaxExpandedNodes = 100_000;

    private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<YamlTreeNode, long> _expandedSize = new(ReferenceEqualityComparer.Instance);
    private IParser _parser = null!;
    private int _depth;

    private YamlTreeReader(string displayPath, List<Diagnostic> diagnostics)
    {
        _displayPath = displayPath;
        _diagnostics = diagnostics;
    }

    /// <summary>The single document's root, or null (with a diagnostic) when there is none or the text is malformed.</summary>
    public static YamlTreeNode? Read(string yaml, string displayPath, List<Diagnostic> diagnostics) =>
        new YamlTreeReader(displayPath, diagnostics).ReadDocument(yaml);

    private YamlTreeNode? ReadDocument(string yaml)
    {
        var lastGood = new TextPosition(1, 1);
        if (yaml.IndexOf('\0', StringComparison.Ordinal) is var nul and >= 0)
        {
            // YAML forbids a raw NUL, and the parser skips it instead of refusing it: "1h<NUL>" would pass as "1h".
            var line = yaml.AsSpan(0, nul).Count('\n');
            var column = nul - (yaml.LastIndexOf('\n', Math.Max(0, nul - 1)) + 1);
            _diagnostics.Add(Diagnostic.Error("malformed YAML", "the text holds a NUL character, U+0000; inside a double-quoted string write it \"\\0\"", At(new TextPosition(line + 1, column + 1))));
            return null;
        }

        try
        {
            _parser = new Parser(new StringReader(yaml));
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
            {
                _diagnostics.Add(Diagnostic.Error("the manifest is empty", "expected at least 'version', 'secrets_root' and 'release'", At(lastGood)));
                return null;
            }

            _parser.Consume<DocumentStart>();
            var root = ReadNode();
            lastGood = root.Position;
            _parser.Consume<DocumentEnd>();
            if (_parser.Accept<DocumentStart>(out var second))
            {
                _diagnostics.Add(Diagnostic.Error("the manifest must hold a single YAML document", "remove the second '---' document", At(Of(second.Start))));
                return null;
            }

            return root;
        }
        catch (TooLargeException e)
        {
            _diagnostics.Add(Diagnostic.Error("the manifest is too deeply nested or expands to too many values", e.Message, At(e.Position)));
            return null;
        }
        catch (YamlException e)
        {
            _diagnostics.Add(Diagnostic.Error("malformed YAML", Reason(e), At(PositionOf(e, yaml))));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner sometimes fails with a bare exception on truncated input; the parser's
            // current event is the closest position we can name.
            var near = _parser?.Current is { } current ? Of(current.Start) : lastGood;
            _diagnostics.Add(Diagnostic.Error("malformed YAML", "the YAML parser stopped near here; check brackets, quotes and indentation", At(near)));
            return null;
        }
    }

    private YamlTreeNode ReadNode()
    {
        if (++_depth > MaxDepth)
        {
            throw new TooLargeException($"more than {MaxDepth} levels of nesting", Of(_parser.Current!.Start));
        }

        var node = ReadNodeAtDepth();
        _depth--;
        return node;
    }

    private YamlTreeNode ReadNodeAtDepth()
    {
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
        }

        YamlTreeNode node;
        string? anchor;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new YamlTreeScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, Of(scalar.Start));
        }
        else if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
            var items = new List<YamlTreeNode>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode());
            }

            node = new YamlTreeSequence(items, Of(sequenceStart.Start));
            Measure(node, items);
        }
        else
        {
            var mappingStart = _parser.Consume<MappingStart>();
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
            var mapping = ReadMapping(Of(mappingStart.Start));
            Measure(mapping, mapping.Entries.Select(e => e.Value));
            node = mapping;
        }

        if (anchor is not null)
        {
            _anchors[anchor] = node;
        }

        return node;
    }

    private YamlTreeMapping ReadMapping(TextPosition position)
    {
        var entries = new List<YamlTreeEntry>();
        var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode();
            var value = ReadNode();
            if (key is not YamlTreeScalar scalarKey)
            {
                _diagnostics.Add(Diagnostic.Error("keys must be plain text", "a list or mapping cannot be used as a key", At(key.Position)));
                continue;
            }

            if (seen.TryGetValue(scalarKey.Value, out var first))
            {
                _diagnostics.Add(Diagnostic.Error(
                    $"duplicate key '{scalarKey.Value}'",
                    $"first written at line {first.Position.Line}, column {first.Position.Column}; each key may appear once",
                    At(scalarKey.Position)));
                continue;
            }

            seen.Add(scalarKey.Value, scalarKey);
            entries.Add(new YamlTreeEntry(scalarKey, value));
        }

        // An empty block mapping has no first key; its start mark is still the best position we have.
        return new YamlTreeMapping(entries, position);
    }

    private void Measure(YamlTreeNode node, IEnumerable<YamlTreeNode> children)
    {
        var size = 1 + children.Sum(c => _expandedSize.GetValueOrDefault(c, 1));
        if (size > MaxExpandedNodes)
        {
            throw new TooLargeException($"more than {MaxExpandedNodes} values once aliases are expanded", node.Position);
        }

        _expandedSize[node] = size;
    }

    private sealed class TooLargeException(string message, TextPosition position) : Exception(message)
    {
        public TextPosition Position { get; } = position;
    }

    private static string Reason(YamlException e)
    {
        // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
        var message = e.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return separator >= 0 && message.StartsWith('(') ? message[(separator + 3)..] : message;
    }

    /// <summary>
    /// Where a syntax error is. YamlDotNet reports a tab in indentation without a position (an empty mark, 1:1), so
    /// for that error the first indentation that holds a tab is found in the text: that is the line people must fix.
    /// </summary>
    private static TextPosition PositionOf(YamlException e, string yaml)
    {
        var reported = Of(e.Start);
        if (e.Start.Index != 0 || !e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return reported;
        }

        var lines = yaml.Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var indentation = lines[line].Length - lines[line].TrimStart(' ', '\t').Length;
            var tab = lines[line].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indentation)
            {
                return new TextPosition(line + 1, tab + 1);
            }
        }

        return reported;
    }

    private static TextPosition Of(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private SourceLocation At(TextPosition position) => new(_displayPath, position.Line, position.Column);
}

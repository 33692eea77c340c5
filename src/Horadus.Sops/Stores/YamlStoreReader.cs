using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Horadus.Sops.Stores;

/// <summary>
/// Loads YAML documents into SOPS trees, one mapping per document, keeping key order, comments and the
/// scalar types yaml.v3 would give sops. A comment belongs to the innermost open collection whose
/// indentation is at or left of the comment's column (yaml.v3 attaches foot comments this way).
/// </summary>
internal sealed class YamlStoreReader
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";
    private readonly IParser _parser;
    private readonly string _text;
    private readonly Dictionary<string, SopsNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<(int Column, string Text)> _pendingComments = [];

    private YamlStoreReader(string text)
    {
        _text = text;
        _parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
    }

    public static IReadOnlyList<SopsMapping> Load(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            // Refused like any other malformed input; the offending bytes may belong to a value, so only their offset is given.
            throw SopsException.Malformed($"Error unmarshaling input YAML: invalid UTF-8 at byte {exception.Index}", exception);
        }

        try
        {
            return new YamlStoreReader(text.TrimStart('\uFEFF')).ReadStream();
        }
        catch (YamlException exception)
        {
            // YamlDotNet messages quote the offending input, which may be a secret: keep only the position.
            throw SopsException.Malformed($"Error unmarshaling input YAML: syntax error at line {exception.Start.Line}, column {exception.Start.Column}");
        }
    }

    private List<SopsMapping> ReadStream()
    {
        var documents = new List<SopsMapping>();
        Expect<StreamStart>();
        while (Next() is DocumentStart)
        {
            _anchors.Clear();
            var root = Next();
            SopsMapping document;
            switch (root)
            {
                case MappingStart start:
                    document = ReadMapping(start);
                    break;
                case Scalar scalar when ResolveScalar(scalar) is SopsScalar { Type: SopsValueType.Null }:
                    document = new SopsMapping([]);
                    break;
                case SequenceStart:
                    throw SopsException.Malformed("Error unmarshaling input YAML: YAML documents that are sequences are not supported");
                default:
                    throw SopsException.Malformed("Error unmarshaling input YAML: YAML documents that are values are not supported");
            }

            Expect<DocumentEnd>();
            if (_pendingComments.Count > 0)
            {
                document = new SopsMapping([.. document.Items, .. TakePending(int.MinValue).Select(c => new SopsMappingItem(null, c))]);
            }

            documents.Add(document);
        }

        return documents;
    }

    private SopsMapping ReadMapping(MappingStart start)
    {
        var column = (int)start.Start.Column;
        var items = new List<SopsMappingItem>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Remember(start.Anchor, null);
        while (true)
        {
            var next = Next();
            if (next is MappingEnd)
            {
                items.AddRange(TakePending(column).Select(comment => new SopsMappingItem(null, comment)));
                var mapping = new SopsMapping(items);
                Remember(start.Anchor, mapping);
                return mapping;
            }

            items.AddRange(TakePending(int.MinValue).Select(comment => new SopsMappingItem(null, comment)));
            var key = ReadNode(next) is SopsScalar { Type: SopsValueType.Str } keyScalar
                ? keyScalar.AsText()
                : throw SopsException.Malformed("Tree contains a non-string key. Only string keys are supported");
            if (!keys.Add(key))
            {
                throw SopsException.Malformed($"Error unmarshaling input YAML: mapping key \"{key}\" already defined");
            }

            items.Add(new SopsMappingItem(key, ReadNode(Next())));
        }
    }

    private SopsSequence ReadSequence(SequenceStart start)
    {
        var column = (int)start.Start.Column;
        var items = new List<SopsNode>();
        while (true)
        {
            var next = Next();
            if (next is SequenceEnd)
            {
                items.AddRange(TakePending(column));
                var sequence = new SopsSequence(items);
                Remember(start.Anchor, sequence);
                return sequence;
            }

            items.AddRange(TakePending(int.MinValue));
            items.Add(ReadNode(next));
        }
    }

    private SopsNode ReadNode(ParsingEvent current)
    {
        switch (current)
        {
            case Scalar scalar:
                var value = ResolveScalar(scalar);
                Remember(scalar.Anchor, value);
                return value;
            case MappingStart mappingStart:
                return ReadMapping(mappingStart);
            case SequenceStart sequenceStart:
                return ReadSequence(sequenceStart);
            case AnchorAlias alias:
                return _anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw SopsException.Malformed("Error unmarshaling input YAML: unknown anchor referenced");
            default:
                throw SopsException.Malformed("Error unmarshaling input YAML: unexpected event");
        }
    }

    private static SopsScalar ResolveScalar(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
        if (tag.Length == 0 || tag == "?")
        {
            return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
                ? YamlScalarResolver.ResolvePlain(scalar.Value)
                : SopsScalar.FromString(scalar.Value);
        }

        return tag switch
        {
            YamlTagPrefix + "str" or "!" => SopsScalar.FromString(scalar.Value),
            YamlTagPrefix + "binary" => SopsScalar.FromStringBytes(DecodeBinary(scalar.Value)),
            YamlTagPrefix + "null" or YamlTagPrefix + "bool" or YamlTagPrefix + "int" or YamlTagPrefix + "float" =>
                YamlScalarResolver.ResolvePlain(scalar.Value),
            _ => SopsScalar.FromString(scalar.Value),
        };
    }

    private static byte[] DecodeBinary(string text)
    {
        try
        {
            return Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            throw SopsException.Malformed("Error unmarshaling input YAML: invalid !!binary value");
        }
    }

    /// <summary>Next non-comment event; comments are parked until the collection they belong to is known.</summary>
    private ParsingEvent Next()
    {
        while (_parser.MoveNext())
        {
            if (_parser.Current is Comment comment)
            {
                _pendingComments.Add(((int)comment.Start.Column, RawCommentText(comment)));
                continue;
            }

            return _parser.Current!;
        }

        throw SopsException.Malformed("Error unmarshaling input YAML: unexpected end of input");
    }

    /// <summary>
    /// The comment as written after its "#" (sops keeps leading spaces: "# note" is " note"); YamlDotNet trims
    /// them, so read the line from the source when the position is known.
    /// </summary>
    private string RawCommentText(Comment comment)
    {
        var index = (int)comment.Start.Index;
        if (index < 0 || index >= _text.Length || _text[index] != '#')
        {
            return comment.Value;
        }

        var end = _text.IndexOf('\n', index);
        var line = end < 0 ? _text[(index + 1)..] : _text[(index + 1)..end];
        return line.TrimEnd('\r');
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (Next() is not T)
        {
            throw SopsException.Malformed("Error unmarshaling input YAML: unexpected structure");
        }
    }

    /// <summary>Removes and returns the parked comments at or right of <paramref name="column"/>.</summary>
    private List<SopsComment> TakePending(int column)
    {
        var taken = _pendingComments.Where(c => c.Column >= column).Select(c => new SopsComment(c.Text)).ToList();
        _pendingComments.RemoveAll(c => c.Column >= column);
        return taken;
    }

    private void Remember(AnchorName anchor, SopsNode? node)
    {
        if (!anchor.IsEmpty && node is not null)
        {
            _anchors[anchor.Value] = node;
        }
    }
}

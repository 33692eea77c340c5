using System.Text.Json;

namespace Horadus.Sops.Stores;

/// <summary>
/// Loads a JSON object into a SOPS tree keeping key order (and duplicate keys, as Go's token decoder does).
/// Integers in the int64 range become ints, other numbers floats.
/// </summary>
internal static class JsonStoreReader
{
    public static SopsMapping Load(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw SopsException.Malformed("Error unmarshaling input JSON: the top level must be an object");
            }

            var root = ReadObject(ref reader);
            if (reader.Read())
            {
                throw SopsException.Malformed("Error unmarshaling input JSON: data after the top-level object");
            }

            return root;
        }
        catch (JsonException exception)
        {
            throw SopsException.Malformed($"Error unmarshaling input JSON: syntax error at line {exception.LineNumber}, byte {exception.BytePositionInLine}");
        }
    }

    private static SopsMapping ReadObject(ref Utf8JsonReader reader)
    {
        var items = new List<SopsMappingItem>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            items.Add(new SopsMappingItem(key, ReadValue(ref reader)));
        }

        return new SopsMapping(items);
    }

    private static SopsSequence ReadArray(ref Utf8JsonReader reader)
    {
        var items = new List<SopsNode>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader));
        }

        return new SopsSequence(items);
    }

    private static SopsNode ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => ReadObject(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        JsonTokenType.String => SopsScalar.FromStringBytes(reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray()),
        JsonTokenType.Number => reader.TryGetInt64(out var integer)
            ? SopsScalar.FromInt(integer)
            : reader.TryGetDouble(out var number) && !double.IsInfinity(number)
                ? SopsScalar.FromFloat(number)
                : throw SopsException.Malformed("Error unmarshaling input JSON: number out of range"),
        JsonTokenType.True => SopsScalar.FromBool(true),
        JsonTokenType.False => SopsScalar.FromBool(false),
        JsonTokenType.Null => SopsScalar.Null,
        _ => throw SopsException.Malformed("Error unmarshaling input JSON: unexpected token"),
    };
}

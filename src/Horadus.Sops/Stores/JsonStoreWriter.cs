using System.Text.Encodings.Web;
using System.Text.Json;
using Horadus.Sops.Formatting;

namespace Horadus.Sops.Stores;

/// <summary>Writes an encrypted tree plus metadata as a tab-indented JSON object, as sops's JSON store does.</summary>
internal static class JsonStoreWriter
{
    public static byte[] Write(SopsMapping tree, SopsMapping metadata)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentCharacter = '\t',
            IndentSize = 1,
            // sops (Go) does not escape "+", "<" or non-ASCII text.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            WriteNode(writer, new SopsMapping([.. tree.Items, new("sops", metadata)]));
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, SopsNode node)
    {
        switch (node)
        {
            case SopsMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            case SopsSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items.Where(item => item is not SopsComment))
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case SopsScalar { Type: SopsValueType.Null }:
                writer.WriteNullValue();
                break;
            case SopsScalar { Type: SopsValueType.Bool } flag:
                writer.WriteBooleanValue((bool)flag.Value!);
                break;
            case SopsScalar { Type: SopsValueType.Int } or SopsScalar { Type: SopsValueType.Float, Value: double and not (double.NaN or double.PositiveInfinity or double.NegativeInfinity) }:
                var number = (SopsScalar)node;
                writer.WriteRawValue(SopsScalarText.Emit(number, SopsFormat.Json));
                break;
            case SopsScalar scalar:
                writer.WriteStringValue(scalar.AsText());
                break;
            default:
                throw new InvalidOperationException("unexpected node");
        }
    }
}

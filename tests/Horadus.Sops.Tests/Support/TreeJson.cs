using System.Text;
using System.Text.Json;

namespace Horadus.Sops.Tests.Support;

/// <summary>Renders a decrypted tree as JSON the way EXPECTED.json represents it (comments dropped).</summary>
internal static class TreeJson
{
    public static string Serialize(SopsMapping root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, root);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, SopsNode node)
    {
        switch (node)
        {
            case SopsMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case SopsSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items.Where(item => item is not SopsComment))
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case SopsScalar scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new InvalidOperationException("unexpected node " + node);
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, SopsScalar scalar)
    {
        var text = scalar.AsText();
        switch (scalar.Type)
        {
            case SopsValueType.Null:
                writer.WriteNullValue();
                break;
            case SopsValueType.Bool:
                writer.WriteBooleanValue(text == "True");
                break;
            case SopsValueType.Int or SopsValueType.Float:
                writer.WriteRawValue(text);
                break;
            default:
                writer.WriteStringValue(text);
                break;
        }
    }
}

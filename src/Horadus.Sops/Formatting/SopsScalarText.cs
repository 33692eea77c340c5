using System.Globalization;
using System.Text;

namespace Horadus.Sops.Formatting;

/// <summary>Renders a scalar the way sops writes it into a decrypted file of a given format.</summary>
internal static class SopsScalarText
{
    public static byte[] Emit(SopsScalar scalar, SopsFormat format)
    {
        var value = scalar.Value;
        return scalar.Type switch
        {
            SopsValueType.Str or SopsValueType.Bytes => scalar.CanonicalBytes,
            SopsValueType.Null => format is SopsFormat.Yaml or SopsFormat.Json ? Ascii("null") : [],
            SopsValueType.Int => Ascii(((long)value!).ToString(CultureInfo.InvariantCulture)),
            SopsValueType.Bool => Ascii((bool)value! ? "true" : "false"),
            SopsValueType.Float => Ascii(format switch
            {
                SopsFormat.Yaml => GoFloat.FormatYaml((double)value!),
                SopsFormat.Json or SopsFormat.Binary => GoFloat.FormatJson((double)value!),
                _ => GoFloat.ValToString((double)value!),
            }),
            SopsValueType.Time => Ascii(format is SopsFormat.Dotenv or SopsFormat.Ini
                ? GoTime.FormatRfc3339((DateTimeOffset)value!)
                : GoTime.FormatRfc3339Nano((DateTimeOffset)value!)),
            _ => scalar.CanonicalBytes,
        };
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}

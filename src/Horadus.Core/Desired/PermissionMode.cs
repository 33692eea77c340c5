using System.Globalization;
using System.Text.Json.Serialization;

namespace Horadus.Core.Desired;

/// <summary>A POSIX permission mode (the low 12 bits), shown and parsed in octal like chmod.</summary>
[JsonConverter(typeof(PermissionModeJsonConverter))]
public readonly record struct PermissionMode(int Bits)
{
    public static bool TryParseOctal(string? text, out PermissionMode mode)
    {
        mode = default;
        if (string.IsNullOrEmpty(text) || text.Length > 4 || text.Any(c => c is < '0' or > '7'))
        {
            return false;
        }

        mode = new PermissionMode(Convert.ToInt32(text, 8));
        return true;
    }

    public override string ToString() => "0" + Convert.ToString(Bits & 0xFFF, 8).PadLeft(3, '0');

    public string ToString(IFormatProvider? provider) => ToString();

    /// <summary>True when this mode grants any permission to "others".</summary>
    public bool IsWorldAccessible => (Bits & 0b111) != 0;

    public static PermissionMode Parse(string text) =>
        TryParseOctal(text, out var mode) ? mode : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not an octal mode"));
}

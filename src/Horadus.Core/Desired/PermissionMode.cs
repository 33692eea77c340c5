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

    private const int GroupBits = 0b000_111_000;
    private const int GroupWrite = 0b000_010_000;
    private const int GroupSearch = 0b000_001_000;

    /// <summary>The group may pass through (search) and never write; what else it had it keeps.</summary>
    public PermissionMode WithGroupPassing() => new((Bits & ~GroupWrite) | GroupSearch);

    /// <summary>The group may only pass through: no listing, no writing (for a group handed a directory it was not meant to read).</summary>
    public PermissionMode WithGroupOnlyPassing() => new((Bits & ~GroupBits) | GroupSearch);

    public static PermissionMode Parse(string text) =>
        TryParseOctal(text, out var mode) ? mode : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not an octal mode"));
}

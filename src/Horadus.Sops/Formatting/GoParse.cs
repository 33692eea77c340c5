using System.Globalization;

namespace Horadus.Sops.Formatting;

/// <summary>Go's strconv parsers as sops uses them on decrypted values (Atoi, ParseFloat, ParseBool).</summary>
internal static class GoParse
{
    public static bool TryParseInt(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        var unsigned = text.TrimStart('+', '-');
        var negative = text.StartsWith('-');
        if (text.Length - unsigned.Length > 1)
        {
            return false;
        }

        switch (unsigned.ToLowerInvariant())
        {
            case "inf" or "infinity":
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return text == unsigned;
            default:
                break;
        }

        // Go rejects out-of-range values (ParseFloat returns ErrRange), so do we.
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                   CultureInfo.InvariantCulture, out value)
            && !double.IsInfinity(value);
    }

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}

using System.Globalization;
using System.Text;

namespace Horadus.Sops.Formatting;

/// <summary>
/// Go's <c>strconv.FormatFloat(v, fmt, -1, 64)</c> for the formats sops uses: shortest round-trip digits
/// (.NET's "R" gives the same digits), laid out as Go does.
/// </summary>
internal static class GoFloat
{
    /// <summary><c>'f'</c>, -1: what sops encrypts and puts in the MAC.</summary>
    public static string FormatF(double value) => Special(value, "+Inf") ?? Layout(value, (digits, point) => Fixed(digits, point));

    /// <summary><c>'g'</c>/<c>'G'</c>, -1: exponent form when the decimal exponent is &lt; -4 or ≥ 6 (Go's rule for shortest).</summary>
    public static string FormatG(double value, bool upper) => Special(value, "+Inf") ?? Layout(value, (digits, point) =>
    {
        var exponent = point - 1;
        return exponent < -4 || exponent >= 6
            ? Exponent(digits, point, upper ? 'E' : 'e')
            : Fixed(digits, point);
    });

    /// <summary>How yaml.v3 writes a float64 (as in <c>sops -d</c> YAML output).</summary>
    public static string FormatYaml(double value) => value switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        double.NaN => ".nan",
        _ => FormatG(value, upper: false),
    };

    /// <summary>How Go's encoding/json writes a float64.</summary>
    public static string FormatJson(double value)
    {
        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var text = Layout(value, (digits, point) => Exponent(digits, point, 'e'));
            // encoding/json shortens "e-07" to "e-7".
            var index = text.IndexOf("e-0", StringComparison.Ordinal);
            return index >= 0 && index == text.Length - 4 ? text.Remove(index + 2, 1) : text;
        }

        return FormatF(value);
    }

    /// <summary>sops's <c>stores.ValToString</c> for floats (dotenv, INI).</summary>
    public static string ValToString(double value)
    {
        var text = Special(value, "+Inf") ?? FormatG(value, upper: true);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) || double.IsInfinity(value) || double.IsNaN(value)
            ? text
            : Layout(value, (digits, point) => FixedWithDecimals(digits, point, 1));
    }

    private static string? Special(double value, string positiveInfinity) => value switch
    {
        double.PositiveInfinity => positiveInfinity,
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => null,
    };

    /// <summary>Splits the shortest representation into significant digits and the decimal point position.</summary>
    private static string Layout(double value, Func<string, int, string> format)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var point = (dot >= 0 ? dot : text.Length) + exponent;
        var digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        point -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
            point = 1;
        }

        return (negative ? "-" : string.Empty) + format(digits, point);
    }

    private static string Fixed(string digits, int point)
    {
        if (point <= 0)
        {
            return "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length
            ? digits + new string('0', point - digits.Length)
            : digits[..point] + "." + digits[point..];
    }

    private static string FixedWithDecimals(string digits, int point, int decimals)
    {
        var text = Fixed(digits, point);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var have = dot < 0 ? 0 : text.Length - dot - 1;
        return have >= decimals ? text : (dot < 0 ? text + "." : text) + new string('0', decimals - have);
    }

    private static string Exponent(string digits, int point, char letter)
    {
        var builder = new StringBuilder();
        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var exponent = point - 1;
        builder.Append(letter).Append(exponent < 0 ? '-' : '+');
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return builder.Append(magnitude.Length < 2 ? "0" + magnitude : magnitude).ToString();
    }
}

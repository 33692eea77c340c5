using System.Globalization;
using System.Text.RegularExpressions;

namespace Horadus.Sops.Stores;

/// <summary>
/// Resolves an untagged plain YAML scalar to a typed value the way yaml.v3 does when sops decodes into
/// <c>interface{}</c>: core-schema null/bool, Go <c>ParseInt(s, 0, 64)</c> integers (underscores removed,
/// <c>0x</c>/<c>0o</c>/<c>0b</c>/leading-zero octal), YAML-style floats, and timestamps left as strings.
/// </summary>
internal static partial class YamlScalarResolver
{
    public static SopsScalar ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return SopsScalar.Null;
            case "true" or "True" or "TRUE":
                return SopsScalar.FromBool(true);
            case "false" or "False" or "FALSE":
                return SopsScalar.FromBool(false);
            case ".nan" or ".NaN" or ".NAN":
                return SopsScalar.FromFloat(double.NaN);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return SopsScalar.FromFloat(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return SopsScalar.FromFloat(double.NegativeInfinity);
            default:
                break;
        }

        var first = text[0];
        if (first == '.')
        {
            return TryParseGoFloat(text, out var dotted) ? SopsScalar.FromFloat(dotted) : SopsScalar.FromString(text);
        }

        if (!(char.IsAsciiDigit(first) || first == '+' || first == '-'))
        {
            return SopsScalar.FromString(text);
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (TryParseGoInt(plain, out var integer, out var overflowedUnsigned))
        {
            return SopsScalar.FromInt(integer);
        }

        if (overflowedUnsigned)
        {
            // yaml.v3 yields a uint64 here, a type sops's tree walker rejects.
            throw SopsException.Malformed("Cannot walk value, unknown type: uint64");
        }

        if (YamlFloat().IsMatch(plain) && TryParseGoFloat(plain, out var number))
        {
            return SopsScalar.FromFloat(number);
        }

        return SopsScalar.FromString(text);
    }

    /// <summary>Go's strconv.ParseInt(s, 0, 64); flags values that only fit ParseUint.</summary>
    private static bool TryParseGoInt(string text, out long value, out bool overflowedUnsigned)
    {
        value = 0;
        overflowedUnsigned = false;
        var negative = text.StartsWith('-');
        var body = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        var (radix, digits) = body switch
        {
            _ when body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (16, body[2..]),
            _ when body.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (2, body[2..]),
            _ when body.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (8, body[2..]),
            _ when body.Length > 1 && body[0] == '0' => (8, body[1..]),
            _ => (10, body),
        };
        if (digits.Length == 0)
        {
            return false;
        }

        System.Numerics.BigInteger magnitude = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed >= long.MinValue && signed <= long.MaxValue)
        {
            value = (long)signed;
            return true;
        }

        // ParseUint rejects any sign, so only an unsigned, in-range magnitude becomes a uint64.
        overflowedUnsigned = text[0] != '-' && text[0] != '+' && magnitude <= ulong.MaxValue;
        return false;
    }

    private static bool TryParseGoFloat(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}

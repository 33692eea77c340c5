using System.Globalization;

namespace Horadus.Sops.Formatting;

/// <summary>Go's RFC 3339 formatting and parsing as sops uses it (time values and <c>lastmodified</c>).</summary>
internal static class GoTime
{
    /// <summary>Go's <c>time.RFC3339</c>: seconds precision, "Z" for UTC.</summary>
    public static string FormatRfc3339(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Offset(value);

    /// <summary>Go's <c>time.RFC3339Nano</c> (what <c>time.Time.MarshalText</c> writes): trailing zero fractions dropped.</summary>
    public static string FormatRfc3339Nano(DateTimeOffset value)
    {
        var fraction = value.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + (fraction.Length > 0 ? "." + fraction : string.Empty) + Offset(value);
    }

    /// <summary>Parses RFC 3339 (<c>2006-01-02T15:04:05Z07:00</c>, optional fraction).</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        ];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && (text.EndsWith('Z') || text.Length > 6 && (text[^6] == '+' || text[^6] == '-'));
    }

    private static string Offset(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero ? "Z" : value.ToString("zzz", CultureInfo.InvariantCulture);
}

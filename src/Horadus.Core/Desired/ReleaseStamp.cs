using System.Globalization;
using System.Text.Json.Serialization;

namespace Horadus.Core.Desired;

/// <summary>A release name: a UTC timestamp such as 20260215T090000Z. Ordering by stamp is ordering by time.</summary>
[JsonConverter(typeof(ReleaseStampJsonConverter))]
public readonly record struct ReleaseStamp : IComparable<ReleaseStamp>
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    private ReleaseStamp(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out ReleaseStamp stamp)
    {
        stamp = default;
        if (text is null || text.Length != 16 ||
            !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
        {
            return false;
        }

        stamp = new ReleaseStamp(text);
        return true;
    }

    public static ReleaseStamp Parse(string text) =>
        TryParse(text, out var stamp) ? stamp : throw new FormatException($"'{text}' is not a release stamp like 20260215T090000Z");

    public int CompareTo(ReleaseStamp other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(ReleaseStamp left, ReleaseStamp right) => left.CompareTo(right) < 0;
    public static bool operator >(ReleaseStamp left, ReleaseStamp right) => left.CompareTo(right) > 0;
    public static bool operator <=(ReleaseStamp left, ReleaseStamp right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ReleaseStamp left, ReleaseStamp right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value;
}

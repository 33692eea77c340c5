using System.Globalization;
using System.Text;
using Horadus.Sops.Formatting;

namespace Horadus.Sops;

/// <summary>
/// A typed leaf value. <see cref="CanonicalBytes"/> is the text sops encrypts and feeds to the MAC
/// (e.g. <c>True</c>, <c>1234568000</c>); <see cref="SopsScalarText"/> renders it the way each store emits it.
/// </summary>
public sealed class SopsScalar : SopsNode
{
    private readonly byte[] _canonical;

    private SopsScalar(SopsValueType type, byte[] canonical, object? value)
    {
        Type = type;
        _canonical = canonical;
        Value = value;
    }

    /// <summary>The value type.</summary>
    public SopsValueType Type { get; }

    /// <summary>The typed value: string, long, double, bool, DateTimeOffset, byte[] or null.</summary>
    internal object? Value { get; }

    /// <summary>A copy of the bytes sops encrypts and hashes for this value (its "ToBytes").</summary>
    public byte[] CanonicalBytes => (byte[])_canonical.Clone();

    internal ReadOnlySpan<byte> CanonicalSpan => _canonical;

    /// <summary>The null value.</summary>
    public static SopsScalar Null { get; } = new(SopsValueType.Null, [], null);

    /// <summary>A string value.</summary>
    public static SopsScalar FromString(string value) => new(SopsValueType.Str, Encoding.UTF8.GetBytes(value), value);

    /// <summary>A string value given as raw bytes (Go strings need not be UTF-8).</summary>
    public static SopsScalar FromStringBytes(byte[] value) => new(SopsValueType.Str, (byte[])value.Clone(), null);

    /// <summary>An integer value.</summary>
    public static SopsScalar FromInt(long value) => new(SopsValueType.Int, Ascii(value.ToString(CultureInfo.InvariantCulture)), value);

    /// <summary>A float value.</summary>
    public static SopsScalar FromFloat(double value) => new(SopsValueType.Float, Ascii(GoFloat.FormatF(value)), value);

    /// <summary>A boolean value.</summary>
    public static SopsScalar FromBool(bool value) => new(SopsValueType.Bool, Ascii(value ? "True" : "False"), value);

    /// <summary>A timestamp value.</summary>
    public static SopsScalar FromTime(DateTimeOffset value) => new(SopsValueType.Time, Ascii(GoTime.FormatRfc3339Nano(value)), value);

    /// <summary>A bytes value.</summary>
    public static SopsScalar FromBytes(byte[] value) => new(SopsValueType.Bytes, (byte[])value.Clone(), null);

    /// <summary>The value as UTF-8 text (invalid sequences replaced); for strings this is the string itself.</summary>
    public string AsText() => Encoding.UTF8.GetString(_canonical);

    /// <summary>Shows the type only, never the value.</summary>
    public override string ToString() => $"SopsScalar({Type})";

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}

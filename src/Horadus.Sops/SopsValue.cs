namespace Horadus.Sops;

/// <summary>The shape of a top-level value.</summary>
public enum SopsValueKind
{
    /// <summary>A single scalar: see <see cref="SopsValue.Scalar"/>.</summary>
    Scalar,

    /// <summary>A list whose items are all scalars: see <see cref="SopsValue.Items"/>.</summary>
    List,

    /// <summary>A mapping, or a list holding mappings or lists: read it from <see cref="SopsDocument.Root"/>.</summary>
    Complex,
}

/// <summary>
/// A decrypted top-level value as sops would write it into the decrypted file (e.g. <c>true</c>, <c>25.4</c>).
/// The byte arrays are fresh copies that the caller may zero after use.
/// </summary>
public sealed class SopsValue
{
    internal SopsValue(SopsValueKind kind, byte[]? scalar, SopsValueType scalarType, IReadOnlyList<byte[]> items)
    {
        Kind = kind;
        Scalar = scalar;
        ScalarType = scalarType;
        Items = items;
    }

    /// <summary>Scalar, list of scalars, or complex.</summary>
    public SopsValueKind Kind { get; }

    /// <summary>For <see cref="SopsValueKind.Scalar"/>: the plaintext bytes; otherwise null.</summary>
    public byte[]? Scalar { get; }

    /// <summary>For <see cref="SopsValueKind.Scalar"/>: its type.</summary>
    public SopsValueType ScalarType { get; }

    /// <summary>For <see cref="SopsValueKind.List"/>: the items' plaintext bytes; otherwise empty.</summary>
    public IReadOnlyList<byte[]> Items { get; }

    /// <summary>Shows the shape only, never the plaintext.</summary>
    public override string ToString() => Kind switch
    {
        SopsValueKind.Scalar => $"SopsValue(Scalar {ScalarType})",
        SopsValueKind.List => $"SopsValue(List of {Items.Count})",
        _ => "SopsValue(Complex)",
    };
}

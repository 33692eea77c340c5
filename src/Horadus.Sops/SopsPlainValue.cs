namespace Horadus.Sops;

/// <summary>A plaintext value to encrypt: a scalar (string, integer, float, boolean) or a list of them.</summary>
public sealed class SopsPlainValue
{
    private SopsPlainValue(SopsNode node)
    {
        Node = node;
    }

    internal SopsNode Node { get; }

    /// <summary>A string.</summary>
    public static SopsPlainValue String(string value) => new(SopsScalar.FromString(value));

    /// <summary>An integer.</summary>
    public static SopsPlainValue Int(long value) => new(SopsScalar.FromInt(value));

    /// <summary>A float.</summary>
    public static SopsPlainValue Float(double value) => new(SopsScalar.FromFloat(value));

    /// <summary>A boolean.</summary>
    public static SopsPlainValue Bool(bool value) => new(SopsScalar.FromBool(value));

    /// <summary>A list of scalars.</summary>
    public static SopsPlainValue List(params SopsPlainValue[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Any(item => item.Node is not SopsScalar))
        {
            throw new ArgumentException("list items must be scalars", nameof(items));
        }

        return new SopsPlainValue(new SopsSequence(items.Select(item => item.Node).ToList()));
    }

    /// <summary>A list of strings.</summary>
    public static SopsPlainValue List(params string[] items) => List(items.Select(String).ToArray());

    /// <summary>Shows the shape only, never the value.</summary>
    public override string ToString() => Node is SopsSequence sequence ? $"SopsPlainValue(List of {sequence.Items.Count})" : $"SopsPlainValue({((SopsScalar)Node).Type})";
}

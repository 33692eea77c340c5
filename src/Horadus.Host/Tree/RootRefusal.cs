namespace Horadus.Host.Tree;

/// <summary>Why a secrets root is refused before anything under it is read or written: what is wrong, and what to do.</summary>
internal sealed record RootRefusal(string Summary, string Detail)
{
    public override string ToString() => $"{Summary} ({Detail})";
}

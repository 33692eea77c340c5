namespace Horadus.Core.Desired;

/// <summary>
/// HMAC-SHA256 of a file's content under the root's <see cref="FingerprintKey"/>, in lowercase hex. Two digests made
/// with one key are equal exactly when the contents are. <see cref="Short"/> is what people see; a digest made with an
/// ephemeral key is not shown at all, since it would change on every run.
/// </summary>
public readonly record struct ContentDigest(string HmacHex, bool Shown = true)
{
    public string Short => Shown ? "hmac:" + HmacHex[..12] : "hmac:(not shown)";

    public override string ToString() => Short;
}

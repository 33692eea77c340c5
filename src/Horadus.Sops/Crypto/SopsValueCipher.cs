using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Horadus.Sops.Formatting;

namespace Horadus.Sops.Crypto;

/// <summary>sops's value cipher: encrypts scalars into ENC strings and back, with the key path as AAD.</summary>
internal static class SopsValueCipher
{
    private const int IvSize = 32;

    /// <summary>Encrypts a scalar; empty strings stay empty (sops never encrypts them).</summary>
    public static string Encrypt(SopsScalar scalar, ReadOnlySpan<byte> dataKey, string aad)
    {
        var type = SopsValueTypeNames.Name(scalar.Type) ?? throw new ArgumentException("null values are never encrypted", nameof(scalar));
        return scalar.Type == SopsValueType.Str && scalar.CanonicalSpan.IsEmpty
            ? string.Empty
            : EncryptBytes(scalar.CanonicalSpan, type, dataKey, aad);
    }

    public static string EncryptComment(string comment, ReadOnlySpan<byte> dataKey, string aad) =>
        comment.Length == 0 ? string.Empty : EncryptBytes(Encoding.UTF8.GetBytes(comment), "comment", dataKey, aad);

    public static string EncryptBytes(ReadOnlySpan<byte> plaintext, string type, ReadOnlySpan<byte> dataKey, string aad)
    {
        var iv = RandomNumberGenerator.GetBytes(IvSize);
        var sealedBytes = AesGcm256.Seal(dataKey, iv, plaintext, Encoding.UTF8.GetBytes(aad));
        var data = sealedBytes[..^AesGcm256.TagSize];
        var tag = sealedBytes[^AesGcm256.TagSize..];
        return new EncryptedValue(data, iv, tag, type).Format();
    }

    /// <summary>Decrypts an ENC string (or an empty string, which stays an empty str).</summary>
    /// <returns>The scalar, or a <see cref="SopsComment"/> for <c>type:comment</c>.</returns>
    public static SopsNode Decrypt(string text, ReadOnlySpan<byte> dataKey, string aad)
    {
        if (text.Length == 0)
        {
            return SopsScalar.FromString(string.Empty);
        }

        if (!EncryptedValue.TryParse(text, out var value, out var error))
        {
            throw new SopsException(SopsErrorKind.Malformed, $"Could not decrypt value at AAD '{aad}': {error}") { AadPath = aad };
        }

        var plain = AesGcm256.Open(dataKey, value!.Iv, [.. value.Data, .. value.Tag], Encoding.UTF8.GetBytes(aad))
            ?? throw new SopsException(SopsErrorKind.AuthenticationFailed,
                $"Could not decrypt value at AAD '{aad}': Could not decrypt with AES_GCM: cipher: message authentication failed")
            { AadPath = aad };
        return ToTyped(plain, value.Type, aad);
    }

    private static SopsNode ToTyped(byte[] plain, string type, string aad)
    {
        var text = Encoding.UTF8.GetString(plain);
        SopsNode? result = type switch
        {
            "str" => SopsScalar.FromStringBytes(plain),
            "bytes" => SopsScalar.FromBytes(plain),
            "comment" => new SopsComment(text),
            "int" => GoParse.TryParseInt(text, out var integer) ? SopsScalar.FromInt(integer) : null,
            "float" => GoParse.TryParseFloat(text, out var number) ? SopsScalar.FromFloat(number) : null,
            "bool" => GoParse.TryParseBool(text, out var flag) ? SopsScalar.FromBool(flag) : null,
            "time" => GoTime.TryParseRfc3339(text, out var time) ? SopsScalar.FromTime(time) : null,
            _ => throw new SopsException(SopsErrorKind.Malformed, $"Could not decrypt value at AAD '{aad}': Unknown datatype: {type}") { AadPath = aad },
        };
        CryptographicOperations.ZeroMemory(plain);
        return result ?? throw new SopsException(SopsErrorKind.Malformed,
            $"Could not decrypt value at AAD '{aad}': the plaintext is not a valid {type}") { AadPath = aad };
    }
}

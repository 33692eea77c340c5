namespace Horadus.Sops;

/// <summary>Why reading or writing a SOPS or age file failed.</summary>
public enum SopsErrorKind
{
    /// <summary>The file is not well-formed (syntax, metadata, ENC value, age header or armor).</summary>
    Malformed,

    /// <summary>The data key was recovered but the MAC over the values does not match the stored MAC.</summary>
    MacMismatch,

    /// <summary>
    /// Authenticated decryption failed: an ENC value (see <see cref="SopsException.AadPath"/>),
    /// the age header MAC or an age payload chunk was altered or truncated.
    /// </summary>
    AuthenticationFailed,

    /// <summary>None of the identities in the key ring matches any recipient of the file.</summary>
    NoMatchingIdentity,

    /// <summary>The file has no <c>sops</c> metadata.</summary>
    MetadataNotFound,

    /// <summary>The store or format is not supported.</summary>
    UnsupportedFormat,

    /// <summary>A recipient or stanza type (scrypt, ssh, plugin, ...) is not supported by this library.</summary>
    UnsupportedRecipientType,

    /// <summary>A key source (key file, <c>SOPS_AGE_KEY_CMD</c>, identity text) could not be read or parsed.</summary>
    KeySourceFailed,
}

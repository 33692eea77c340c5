namespace Horadus.Shared;

/// <summary>
/// The largest input horadus reads, per kind of file. Each is far above any real file of its kind and far below what
/// would exhaust memory; a larger file is refused by name, before anything is written. Documented in the README.
/// </summary>
internal static class InputLimits
{
    public const int Mebibyte = 1024 * 1024;

    /// <summary>horadus.desired.yaml.</summary>
    public const int Manifest = 1 * Mebibyte;

    /// <summary>A SOPS file (encrypted values, or the plaintext given to <c>secrets encrypt</c>).</summary>
    public const int SopsFile = 16 * Mebibyte;

    /// <summary>An age identity file (<c>--age-key-file</c>, <c>age_key_file</c>, <c>SOPS_AGE_KEY_FILE</c>, keys.txt).</summary>
    public const int AgeKeyFile = 1 * Mebibyte;

    /// <summary>One secret value: a file of a directory source, or one decrypted SOPS value.</summary>
    public const int Value = 1 * Mebibyte;

    /// <summary>A plan saved by <c>horadus plan --out</c>.</summary>
    public const int PlanFile = 16 * Mebibyte;

    /// <summary>"1 MiB", "16 MiB", or bytes for odd sizes.</summary>
    public static string Describe(long bytes) =>
        bytes % Mebibyte == 0 ? $"{bytes / Mebibyte} MiB" : $"{bytes} bytes";
}

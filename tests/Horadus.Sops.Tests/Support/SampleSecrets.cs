using System.Text;

namespace Horadus.Sops.Tests.Support;

/// <summary>Plaintext samples and helpers for round trips.</summary>
internal static class SampleSecrets
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<(string Key, SopsPlainValue Value)> Flat() =>
    [
        ("database_url", SopsPlainValue.String("postgresql://u:p@127.0.0.1:5432/db")),
        ("multi_line", SopsPlainValue.String("line one\nline two: with colon\n")),
        ("unicode", SopsPlainValue.String("pässwörd ✓")),
        ("empty", SopsPlainValue.String(string.Empty)),
        ("port", SopsPlainValue.Int(5432)),
        ("ratio", SopsPlainValue.Float(1234568000)),
        ("enabled", SopsPlainValue.Bool(true)),
        ("note_unencrypted", SopsPlainValue.String("visible: yes # not a comment")),
    ];

    public static IReadOnlyList<(string Key, SopsPlainValue Value)> WithList() =>
        [.. Flat(), ("api_keys", SopsPlainValue.List("key-one", "key-two"))];

    public static string Text(byte[]? bytes) => Encoding.UTF8.GetString(bytes ?? []);

    public static Dictionary<string, string> AsStrings(SopsDocument document) =>
        document.TopLevel.Where(pair => pair.Value.Kind == SopsValueKind.Scalar).ToDictionary(pair => pair.Key, pair => Text(pair.Value.Scalar));
}

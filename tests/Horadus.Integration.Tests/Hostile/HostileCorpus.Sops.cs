using System.Text;
using System.Text.RegularExpressions;
using Horadus.Integration.Tests.Support;
using Horadus.Tests.Shared;

namespace Horadus.Integration.Tests.Hostile;

internal static partial class HostileCorpus
{
    private const string SopsName = "values.enc.yaml";

    private static Dictionary<string, HostileCase> SopsFiles() => new(StringComparer.Ordinal)
    {
        // Tampered or damaged files
        ["MAC tampered"] = Tampered(text => FlipAfter(text, "mac: ENC[AES256_GCM,data:"), SopsName),
        ["value ciphertext tampered"] = Tampered(text => FlipAfter(text, "secret_key: ENC[AES256_GCM,data:"), SopsName),
        ["value iv tampered"] = Tampered(text => FlipAfter(text, "secret_key: ENC[AES256_GCM,data:", "iv:"), SopsName),
        ["value tag tampered"] = Tampered(text => FlipAfter(text, "secret_key: ENC[AES256_GCM,data:", "tag:"), SopsName),
        ["value type changed"] = Tampered(text => Regex.Replace(text, @"(secret_key: ENC\[[^\]]*type:)str", "${1}int"), SopsName),
        ["two values swapped"] = Tampered(SwapSecretKeyAndAdminKey, SopsName),
        ["age header tampered"] = Tampered(text => FlipAfter(text, "-----BEGIN AGE ENCRYPTED FILE-----", "\n      "), SopsName),
        ["sops metadata removed"] = Tampered(text => text[..text.IndexOf("\nsops:", StringComparison.Ordinal)] + "\n", SopsName),
        ["MAC removed"] = Tampered(text => Regex.Replace(text, @"\n    mac: ENC\[[^\]]*\]", string.Empty), SopsName),
        ["age recipients removed"] = Tampered(text => Regex.Replace(text, @"\n    age:\n(      .*\n)+", "\n"), SopsName),
                ["lastmodified garbage"] = Tampered(text => Regex.Replace(text, @"\n    lastmodified: .*", "\n    lastmodified: \"yesterday\""), SopsName),
        ["unencrypted_suffix added"] = Tampered(text => text.Replace("\nsops:\n", "\nsops:\n    unencrypted_suffix: _key\n", StringComparison.Ordinal), SopsName),
        ["duplicate key appended"] = Tampered(text => Regex.Match(text, @"secret_key: ENC\[[^\]]*\]\n").Value + text, SopsName),
        ["truncated to half"] = Tampered(text => text[..(text.Length / 2)], SopsName),
        ["truncated to nothing"] = Tampered(_ => string.Empty, SopsName),
        ["non-UTF-8 bytes in a value"] = TamperedBytes(bytes => [.. bytes[..20], 0xFF, 0xFE, 0xC3, .. bytes[20..]], SopsName),
        ["not encrypted at all"] = Tampered(_ => PlainValues(), SopsName),
        ["JSON garbage"] = Tampered(_ => "{\"sops\": [1, 2, {\"mac\": null}", SopsName),
        ["an alias bomb with sops metadata"] = Tampered(text => BillionLaughs() + text, SopsName),

        // Keys
        ["the wrong age key"] = Sops(PlainValues(), keyFile: _ => FixtureLocator.RequireFile("getsops-sops/age/keys.txt"), expected: SopsName),
        ["a key file of garbage"] = Sops(PlainValues(), keyFile: s => Write(s, "key.txt", "AGE-SECRET-KEY-NOT-A-KEY\n"), expected: "key.txt"),
        ["an empty key file"] = Sops(PlainValues(), keyFile: s => Write(s, "key.txt", string.Empty), expected: "key.txt"),
        ["a missing key file"] = Sops(PlainValues(), keyFile: s => Path.Combine(s.Directory, "no-key.txt"), expected: "no-key.txt"),
        ["a key file that is a FIFO"] = Sops(PlainValues(), keyFile: s => Fifo(s, "key.txt"), expected: "key.txt"),

        // Values
        ["a null value"] = Sops(PlainValues("secret_key: null\n"), expected: "'secret_key'"),
        ["a nested mapping value"] = Sops(PlainValues("secret_key:\n  a: nested-value-1\n"), expected: "'secret_key'"),
        ["a list of lists"] = Sops(PlainValues("api_keys:\n  - [one-api-key-1, two-api-key-2]\n"), expected: "'api_keys'"),
        ["a mapped key missing"] = Sops(PlainValues(drop: "openai_api_key"), expected: "openai_api_key"),
        ["an unmapped key"] = Sops(PlainValues("stray_value: stray-secret-value\n"), expected: "stray_value"),
        ["a value over 1 MiB"] = Sops(PlainValues("secret_key: " + new string('k', (1024 * 1024) + 16) + "\n"), expected: "'secret_key' is larger than 1 MiB"),
        ["an empty value"] = Sops(PlainValues("secret_key: \"\"\n"), expected: "'secret_key' is empty"),
        ["a key path to nowhere"] = Sops(PlainValues(), extra: "mapping:\n  files:\n    custom: { variable: CUSTOM_FILE, key: app/db/password }\n", expected: "app/db/password"),

        // The file itself
        ["a SOPS path that escapes"] = SopsAt(_ => "../../" + EscapeName + "/values.enc.yaml", expected: EscapeName) with { Outside = [EscapeName] },
        ["a SOPS file that is a directory"] = SopsAt(s => Directory.CreateDirectory(Path.Combine(s.Directory, SopsName)).FullName, expected: SopsName),
        ["a SOPS file that is a FIFO"] = SopsAt(s => Fifo(s, SopsName), expected: SopsName),
        ["a SOPS file that is /dev/zero"] = SopsAt(_ => "/dev/zero", expected: "/dev/zero"),
    };

    /// <summary>The runbook's ten keys with values the leak scanner knows; <paramref name="extra"/> replaces or adds keys.</summary>
    private static string PlainValues(string extra = "", string? drop = null)
    {
        var replaced = extra.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(' ')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var file in Sandbox.RunbookFiles.Where(f => f != drop && !replaced.Contains(f)))
        {
            // URLs where the built-in pre-flight wants one, so that a case fails for its own reason only.
            var value = file.Contains("_url", StringComparison.Ordinal) || file.StartsWith("celery_", StringComparison.Ordinal)
                ? $"redis://user:corpus-plaintext-{file}@127.0.0.1:6379/0"
                : "corpus-plaintext-" + file;
            text.Append(file).Append(": ").Append(value).Append('\n');
        }

        return text.Append(extra).ToString();
    }

    /// <summary>
    /// Release <see cref="Old"/> applied; then a production manifest for <see cref="New"/> whose values come from a SOPS file
    /// encrypted from <paramref name="plain"/> (lines 1 to 8), with the example key unless <paramref name="keyFile"/> gives another.
    /// </summary>
    private static HostileCase Sops(string plain, Func<Sandbox, string>? keyFile = null, string extra = "", string expected = SopsName, Func<string, string>? tamper = null, Func<byte[], byte[]>? tamperBytes = null) =>
        new(string.Empty, async sandbox =>
        {
            await AppliedAsync(sandbox);
            var path = await sandbox.WriteEncryptedValuesAsync(plain, SopsName);
            if (tamper is not null)
            {
                await File.WriteAllTextAsync(path, tamper(await File.ReadAllTextAsync(path)));
            }

            if (tamperBytes is not null)
            {
                await File.WriteAllBytesAsync(path, tamperBytes(await File.ReadAllBytesAsync(path)));
            }

            WriteSopsManifest(sandbox, SopsName, keyFile?.Invoke(sandbox) ?? Sandbox.ExampleAgeKey, extra);
        }, expected);

    private static HostileCase Tampered(Func<string, string> tamper, string expected) => Sops(PlainValues(), expected: expected, tamper: tamper);

    private static HostileCase TamperedBytes(Func<byte[], byte[]> tamper, string expected) => Sops(PlainValues(), expected: expected, tamperBytes: tamper);

    /// <summary>Release <see cref="Old"/> applied; then a production manifest whose SOPS file is the path <paramref name="sopsFile"/> gives.</summary>
    private static HostileCase SopsAt(Func<Sandbox, string> sopsFile, string expected) => new(string.Empty, async sandbox =>
    {
        await AppliedAsync(sandbox);
        WriteSopsManifest(sandbox, sopsFile(sandbox), Sandbox.ExampleAgeKey, string.Empty);
    }, expected);

    private static void WriteSopsManifest(Sandbox sandbox, string sopsFile, string keyFile, string extra) =>
        File.WriteAllText(sandbox.ManifestPath,
            "version: 1\nenvironment: production\nsecrets_root: secrets\nrelease:\n  stamp: \"" + New + "\"\n  source:\n" +
            $"    sops: {sopsFile}\n    age_key_file: {keyFile}\n{extra}");

    /// <summary>Changes the character after <paramref name="marker"/> (and then <paramref name="then"/>) to another of the base64 alphabet.</summary>
    private static string FlipAfter(string text, string marker, string? then = null)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{marker}' not found in the SOPS file");
        at += marker.Length;
        if (then is not null)
        {
            at = text.IndexOf(then, at, StringComparison.Ordinal) + then.Length;
        }

        var flipped = text[at] == 'A' ? 'B' : 'A';
        return string.Concat(text.AsSpan(0, at), flipped.ToString(), text.AsSpan(at + 1));
    }

    /// <summary>Swaps the encrypted values of two keys: each still decrypts under the data key, but not with its own path as AAD.</summary>
    private static string SwapSecretKeyAndAdminKey(string text)
    {
        var one = Regex.Match(text, @"(?m)^secret_key: (ENC\[[^\]]*\])").Groups[1].Value;
        var two = Regex.Match(text, @"(?m)^api_admin_key: (ENC\[[^\]]*\])").Groups[1].Value;
        return text.Replace(one, "\u0001", StringComparison.Ordinal).Replace(two, one, StringComparison.Ordinal).Replace("\u0001", two, StringComparison.Ordinal);
    }

    private static string Write(Sandbox sandbox, string name, string text)
    {
        var path = Path.Combine(sandbox.Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Fifo(Sandbox sandbox, string name)
    {
        var path = Path.Combine(sandbox.Directory, name);
        Owner.Run("mkfifo", "--", path);
        return path;
    }
}

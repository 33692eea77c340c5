using System.Text;

namespace Horadus.Integration.Tests.Hostile;

internal static partial class HostileCorpus
{
    /// <summary>Lines 1 to 7 of every hostile manifest; what a case adds starts on line 8.</summary>
    private const string Valid =
        "version: 1\nenvironment: development\nsecrets_root: secrets\nrelease:\n  stamp: \"" + New + "\"\n  source:\n    directory: values\n";

    private const string At = "horadus.desired.yaml:";

    private static Dictionary<string, HostileCase> Manifests() => new(StringComparer.Ordinal)
    {
        // Malformed YAML
        ["empty file"] = Manifest("", "horadus.desired.yaml"),
        ["only a comment"] = Manifest("# nothing here\n", "horadus.desired.yaml"),
        ["a scalar document"] = Manifest("hello\n", At + "1:1: error: "),
        ["a list document"] = Manifest("- version: 1\n", At + "1:1: error: "),
        ["unclosed flow sequence"] = Manifest("version: 1\nrelease: [unclosed\n", At + "3:1: error: "),
        ["unclosed quote"] = Manifest(Valid + "retention:\n  stability_window: \"1h\n", At + "9:"),
        ["bad indentation"] = Manifest(Valid.Replace("    directory: values", "  directory: values\n     sops: x", StringComparison.Ordinal), At + "8:"),
        ["tab in indentation"] = Manifest(Valid + "modes:\n\tfile: \"0640\"\n", At + "9:1: error: malformed YAML"),
        ["two documents"] = Manifest(Valid + "---\n" + Valid, At + "8:"),
        ["invalid UTF-8"] = ManifestBytes([.. Encoding.UTF8.GetBytes(Valid + "retention:\n  stability_window: \""), 0xC3, 0x28, .. "\"\n"u8], "horadus.desired.yaml"),
        ["NUL byte"] = Manifest(Valid + "retention:\n  stability_window: 1h\0\n", At + "9:23: error: malformed YAML (the text holds a NUL character"),
        ["a key that is a mapping"] = Manifest(Valid + "? { a: b }\n: c\n", At + "8:"),
        ["a 900 KB line"] = Manifest(Valid + "x" + new string('y', 900 * 1024) + ": 1\n", At + "8:1: error: "),

        // Duplicate keys, anchors and aliases, nesting
        ["duplicate top-level key"] = Manifest(Valid + "version: 1\n", At + "8:1: error: duplicate key 'version'"),
        ["duplicate key under release"] = Manifest(Valid.Replace("  source:", "  stamp: \"" + Old + "\"\n  source:", StringComparison.Ordinal), At + "6:3: error: duplicate key 'stamp'"),
        ["duplicate mapped file name"] = Manifest(Valid + "mapping:\n  files:\n    custom: CUSTOM_FILE\n    custom: OTHER_FILE\n", At + "11:5: error: duplicate key 'custom'"),
        ["billion laughs"] = Manifest(Valid + BillionLaughs(), "expands to too many values"),
        ["alias to an unknown anchor"] = Manifest(Valid + "retention:\n  stability_window: *nowhere\n", At + "9:21: error: malformed YAML (unknown alias '*nowhere')"),
        ["alias used as the stamp"] = Manifest("x_anchor: &stamp [1, 2]\n" + Valid.Replace("\"" + New + "\"", "*stamp", StringComparison.Ordinal), "release.stamp"),
        ["merge key into release"] = Manifest(Valid + "base: &b { keep_previous: 1 }\nretention:\n  <<: *b\n", At + "8:1: error: "),
        ["10,000 nested flow sequences"] = Manifest(Valid + "x: " + new string('[', 10_000) + new string(']', 10_000) + "\n", "too deeply nested"),
        ["10,000 nested flow mappings"] = Manifest(Valid + "x: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) + "\n", "too deeply nested"),

        // Wrong types and values of the top-level keys
        ["version as a string"] = Manifest(Valid.Replace("version: 1", "version: \"1\"", StringComparison.Ordinal), At + "1:10: error: version"),
        ["version 2"] = Manifest(Valid.Replace("version: 1", "version: 2", StringComparison.Ordinal), At + "1:10: error: version"),
        ["version 1.5"] = Manifest(Valid.Replace("version: 1", "version: 1.5", StringComparison.Ordinal), At + "1:10: error: version"),
        ["version -1"] = Manifest(Valid.Replace("version: 1", "version: -1", StringComparison.Ordinal), At + "1:10: error: version"),
        ["version past 64 bits"] = Manifest(Valid.Replace("version: 1", "version: 99999999999999999999999", StringComparison.Ordinal), At + "1:10: error: version"),
        ["version missing"] = Manifest(Valid.Replace("version: 1\n", string.Empty, StringComparison.Ordinal), "version"),
        ["environment staging"] = Manifest(Valid.Replace("development", "staging", StringComparison.Ordinal), At + "2:14: error: environment"),
        ["environment a number"] = Manifest(Valid.Replace("development", "3", StringComparison.Ordinal), At + "2:14: error: environment"),
        ["unknown top-level key"] = Manifest(Valid + "favourite_colour: blue\n", At + "8:1: error: favourite_colour: unknown key 'favourite_colour'"),
        ["unknown key under release"] = Manifest(Valid + "  channel: beta\n", "unknown key 'channel'"),
        ["unknown key under source"] = Manifest(Valid + "    vault: kv/app\n", "unknown key 'vault'"),
        ["secrets_root a list"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: [a, b]", StringComparison.Ordinal), At + "3:15: error: secrets_root"),
        ["secrets_root a mapping"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: { a: b }", StringComparison.Ordinal), At + "3:15: error: secrets_root"),
        ["secrets_root empty"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: \"\"", StringComparison.Ordinal), At + "3:15: error: secrets_root"),
        ["secrets_root null"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: null", StringComparison.Ordinal), At + "3:15: error: secrets_root"),
        ["NUL in secrets_root"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: \"sec\\0rets\"", StringComparison.Ordinal), At + "3:15: error: secrets_root: must be a path"),
        ["newline in secrets_root"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: \"secrets\\nx\"", StringComparison.Ordinal), At + "3:15: error: secrets_root: must be a path"),
        ["escape character in secrets_root"] = Manifest(Valid.Replace("secrets_root: secrets", "secrets_root: \"secrets\\e[2J\"", StringComparison.Ordinal), At + "3:15: error: secrets_root: must be a path"),
        ["release a string"] = Manifest("version: 1\nenvironment: development\nsecrets_root: secrets\nrelease: latest\n", At + "4:10: error: release"),
        ["release without a source"] = Manifest("version: 1\nenvironment: development\nsecrets_root: secrets\nrelease:\n  stamp: \"" + New + "\"\n", "release"),
        ["source with sops and directory"] = Manifest(Valid + "    sops: secrets.enc.yaml\n", "release.source"),
        ["source empty"] = Manifest(Valid.Replace("    directory: values\n", "    {}\n", StringComparison.Ordinal), "release.source"),
        ["production with a directory source"] = Manifest(Valid.Replace("development", "production", StringComparison.Ordinal), "release.source.directory"),
        ["NUL in the values directory"] = Manifest(Valid.Replace("directory: values", "directory: \"val\\0ues\"", StringComparison.Ordinal), At + "7:16: error: release.source.directory: must be a directory path"),
        ["values directory missing"] = Manifest(Valid.Replace("directory: values", "directory: no-such-values", StringComparison.Ordinal), "no-such-values"),

        // Stamps
        ["stamp with dashes"] = Stamp("2026-02-15", At + "5:10: error: release.stamp"),
        ["stamp month 13"] = Stamp("20261315T090000Z", At + "5:10: error: release.stamp"),
        ["stamp February 30"] = Stamp("20260230T090000Z", At + "5:10: error: release.stamp"),
        ["stamp hour 25"] = Stamp("20260215T250000Z", At + "5:10: error: release.stamp"),
        ["stamp year zero"] = Stamp("00000000T000000Z", At + "5:10: error: release.stamp"),
        ["stamp without Z"] = Stamp("20260215T090000", At + "5:10: error: release.stamp"),
        ["stamp in lower case"] = Stamp("20260215t090000z", At + "5:10: error: release.stamp"),
        ["stamp with a trailing newline"] = Stamp("20260215T090000Z\\n", At + "5:10: error: release.stamp"),
        ["stamp a traversal"] = Stamp("../../" + EscapeName, At + "5:10: error: release.stamp") with { Outside = [EscapeName] },
        ["stamp a number"] = Manifest(Valid.Replace("\"" + New + "\"", "20260215", StringComparison.Ordinal), At + "5:10: error: release.stamp"),
        ["stamp missing"] = Manifest(Valid.Replace("  stamp: \"" + New + "\"\n", string.Empty, StringComparison.Ordinal), "stamp"),

        // Modes
        ["mode 0999"] = Extra("modes:\n  file: \"0999\"\n", At + "9:9: error: modes.file"),
        ["mode rwx"] = Extra("modes:\n  file: rwx\n", At + "9:9: error: modes.file"),
        ["mode 07777"] = Extra("modes:\n  file: \"07777\"\n", At + "9:9: error: modes.file"),
        ["mode negative"] = Extra("modes:\n  file: \"-0640\"\n", At + "9:9: error: modes.file"),
        ["mode empty"] = Extra("modes:\n  file: \"\"\n", At + "9:9: error: modes.file"),
        ["mode unquoted number"] = Extra("modes:\n  file: 640\n", At + "9:9: error: modes.file"),
        ["mode with a trailing newline"] = Extra("modes:\n  file: \"0640\\n\"\n", At + "9:9: error: modes.file: must be an octal mode"),
        ["release_dir mode setuid"] = Extra("modes:\n  release_dir: \"4750\"\n", At + "9:16: error: modes.release_dir"),
        ["unknown mode key"] = Extra("modes:\n  everything: \"0777\"\n", At + "9:3: error: modes.everything: unknown key 'everything'"),

        // Retention
        ["keep_previous negative"] = Extra("retention:\n  keep_previous: -1\n", At + "9:18: error: retention.keep_previous"),
        ["keep_previous past 64 bits"] = Extra("retention:\n  keep_previous: 99999999999999999999999\n", At + "9:18: error: retention.keep_previous"),
        ["keep_previous a word"] = Extra("retention:\n  keep_previous: one\n", At + "9:18: error: retention.keep_previous"),
        ["keep_previous a float"] = Extra("retention:\n  keep_previous: 1.5\n", At + "9:18: error: retention.keep_previous"),
        ["stability_window forever"] = Extra("retention:\n  stability_window: forever\n", At + "9:21: error: retention.stability_window"),
        ["stability_window negative"] = Extra("retention:\n  stability_window: -1h\n", At + "9:21: error: retention.stability_window"),
        ["stability_window a bare number"] = Extra("retention:\n  stability_window: 30\n", At + "9:21: error: retention.stability_window"),
        ["stability_window overflowing"] = Extra("retention:\n  stability_window: 99999999999999999999h\n", At + "9:21: error: retention.stability_window"),

        // Mapping
        ["mapped name a traversal"] = Extra("mapping:\n  files:\n    ../../" + EscapeName + ": ESCAPE_FILE\n", At + "10:5: error: mapping.files") with { Outside = [EscapeName] },
        ["mapped name absolute"] = Extra("mapping:\n  files:\n    /etc/passwd: PASSWD_FILE\n", At + "10:5: error: mapping.files"),
        ["mapped name with a slash"] = Extra("mapping:\n  files:\n    a/b: AB_FILE\n", At + "10:5: error: mapping.files"),
        ["mapped name hidden"] = Extra("mapping:\n  files:\n    .hidden: HIDDEN_FILE\n", At + "10:5: error: mapping.files"),
        ["mapped name dot-dot"] = Extra("mapping:\n  files:\n    \"..\": DOTS_FILE\n", At + "10:5: error: mapping.files"),
        ["mapped name with a NUL"] = Extra("mapping:\n  files:\n    \"a\\0b\": AB_FILE\n", At + "10:5: error: mapping.files"),
        ["mapped name with a newline"] = Extra("mapping:\n  files:\n    \"abc\\n\": ABC_FILE\n", At + "10:5: error: mapping.files.abc\\n: name 'abc\\n' must be a plain file name"),
        ["mapped name of 300 characters"] = Extra("mapping:\n  files:\n    " + new string('n', 300) + ": LONG_FILE\n", "missing value for mapped file 'nnnnnnnn"),
        ["variable not ending in _FILE"] = Extra("mapping:\n  files:\n    custom: CUSTOM\n", At + "10:13: error: mapping.files.custom"),
        ["variable in lower case"] = Extra("mapping:\n  files:\n    custom: custom_FILE\n", At + "10:13: error: mapping.files.custom"),
        ["variable with a trailing newline"] = Extra("mapping:\n  files:\n    custom: \"CUSTOM_FILE\\n\"\n", At + "10:13: error: mapping.files.custom"),
        ["mapping defaults unknown"] = Extra("mapping:\n  defaults: some\n", At + "9:13: error: mapping.defaults"),
        ["mapping files a list"] = Extra("mapping:\n  files: [a, b]\n", At + "9:10: error: mapping.files"),
        ["key path a traversal"] = Extra("mapping:\n  files:\n    custom: { variable: CUSTOM_FILE, key: ../../" + EscapeName + " }\n", "mapping.files.custom") with { Outside = [EscapeName] },
        ["key path empty"] = Extra("mapping:\n  files:\n    custom: { variable: CUSTOM_FILE, key: \"\" }\n", "mapping.files.custom"),

        // Ownership
        ["uid negative"] = Extra("ownership:\n  uid: -1\n", At + "9:8: error: ownership.uid"),
        ["uid past 32 bits"] = Extra("ownership:\n  uid: 4294967296\n", At + "9:8: error: ownership.uid"),
        ["uid a user name"] = Extra("ownership:\n  uid: root\n", At + "9:8: error: ownership.uid"),
        ["gid a float"] = Extra("ownership:\n  gid: 1.5\n", At + "9:8: error: ownership.gid"),
        ["uid an image without a user"] = Extra("ownership:\n  uid: { image: \"busybox\" }\n", "ownership.uid"),

        // Services
        ["service without compose or labels"] = Extra("services:\n  api:\n    stop_timeout: 2s\n", "services.api"),
        ["service with compose and labels"] = Extra("services:\n  api:\n    compose: { project: p }\n    labels: { a: b }\n", "services.api"),
        ["service stop_timeout a word"] = Service("    stop_timeout: soon\n", At + "11:19: error: services.api.stop_timeout"),
        ["service stop_timeout negative"] = Service("    stop_timeout: -1s\n", At + "11:19: error: services.api.stop_timeout"),
        ["service after an unknown service"] = Service("    after: [ghost]\n", "ghost"),
        ["service after itself"] = Service("    after: [api]\n", "services.api.after"),
        ["services after each other"] = Extra("services:\n  api:\n    compose: { project: p }\n    after: [worker]\n  worker:\n    compose: { project: p }\n    after: [api]\n", "services."),
        ["health url not a URL"] = Service("    health:\n      http: { url: \"not a url\" }\n", "services.api.health.http.url"),
        ["health url with a file scheme"] = Service("    health:\n      http: { url: \"file:///etc/shadow\" }\n", "services.api.health.http.url"),
        ["health status 999"] = Service("    health:\n      http: { url: \"http://127.0.0.1/\", status: 999 }\n", "services.api.health.http.status"),
        ["health status a word"] = Service("    health:\n      http: { url: \"http://127.0.0.1/\", status: ok }\n", "services.api.health.http.status"),
        ["health deadline negative"] = Service("    health:\n      deadline: -5s\n", "services.api.health.deadline"),
        ["health unknown key"] = Service("    health:\n      tcp: 5432\n", "unknown key 'tcp'"),
        ["health failure pattern empty"] = Service("    health:\n      log_failure_patterns: [\"\"]\n", "services.api.health.log_failure_patterns"),
        ["preflight command empty"] = Service("    preflight:\n      command: \"\"\n", "services.api.preflight.command"),
        ["preflight timeout a word"] = Service("    preflight:\n      command: [\"true\"]\n      timeout: later\n", "services.api.preflight.timeout"),
        ["mount_path relative"] = Service("    mount_path: run/secrets\n", At + "11:17: error: services.api.mount_path"),
        ["mount_path empty"] = Service("    mount_path: \"\"\n", At + "11:17: error: services.api.mount_path"),
        ["labels empty"] = Extra("services:\n  api:\n    labels: {}\n", "services.api.labels"),
        ["service name with a space"] = Extra("services:\n  \"my api\":\n    compose: { project: p }\n", "services"),
        ["services a list"] = Extra("services: [api]\n", At + "8:11: error: services"),
    };

    /// <summary>Release <see cref="Old"/> applied, then the manifest replaced by <paramref name="yaml"/>.</summary>
    private static HostileCase Manifest(string yaml, string expected) =>
        ManifestBytes(Encoding.UTF8.GetBytes(yaml), expected);

    private static HostileCase ManifestBytes(byte[] yaml, string expected) => new(string.Empty, async sandbox =>
    {
        await AppliedAsync(sandbox);
        await File.WriteAllBytesAsync(sandbox.ManifestPath, yaml);
    }, expected);

    private static HostileCase Extra(string lines, string expected) => Manifest(Valid + lines, expected);

    /// <summary>A service api found by compose labels (lines 8 to 10), then <paramref name="lines"/> from line 11.</summary>
    private static HostileCase Service(string lines, string expected) =>
        Extra("services:\n  api:\n    compose: { project: p }\n" + lines, expected);

    private static HostileCase Stamp(string stamp, string expected) =>
        Manifest(Valid.Replace(New, stamp, StringComparison.Ordinal), expected);

    /// <summary>Nine levels of nine aliases: 387 million values once expanded.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("x_a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        var previous = 'a';
        foreach (var level in "bcdefghi")
        {
            text.Append("x_").Append(level).Append(": &").Append(level).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + previous, 9)).Append("]\n");
            previous = level;
        }

        return text.ToString();
    }
}

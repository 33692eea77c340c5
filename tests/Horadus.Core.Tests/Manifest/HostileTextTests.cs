using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Horadus.Manifest;
using Horadus.Manifest.Schema;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

/// <summary>Text that passes a careless check: trailing newlines, control characters, tabs in indentation.</summary>
public sealed class HostileTextTests
{
    private const string Directory = """
        version: 1
        environment: development
        secrets_root: /srv/horadus/secrets
        release:
          stamp: "20260215T090000Z"
          source:
            directory: values
        """;

    [Fact]
    public void Every_schema_pattern_ends_where_the_text_ends_in_dotnet_as_in_ecmascript()
    {
        // .NET's $ also matches before a final "\n" (JSON Schema's ECMAScript $ does not): "0640\n" passed as a mode.
        var patterns = Patterns(JsonNode.Parse(ManifestSchema.Text)!).ToArray();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.EndsWith("$(?!\\n)", p.Pattern, StringComparison.Ordinal));
        foreach (var (pattern, example) in patterns.Where(p => p.Example is not null))
        {
            Assert.Matches(pattern, example!);
            Assert.DoesNotMatch(pattern, example + "\n");
        }
    }

    [Theory]
    [InlineData("modes:\n  file: \"0640\\n\"\n", "modes.file", 9, 9)]
    [InlineData("retention:\n  stability_window: \"1h\\n\"\n", "retention.stability_window", 9, 21)]
    [InlineData("mapping:\n  files:\n    custom: \"CUSTOM_FILE\\n\"\n", "mapping.files.custom", 10, 13)]
    public void A_value_with_a_trailing_newline_is_refused_at_its_position(string extra, string field, int line, int column)
    {
        var errors = ManifestTestText.Errors(Directory + "\n" + extra);

        var error = ManifestTestText.SingleErrorAt(errors, field);
        Assert.Contains("\\n\"", error.Detail, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, line, column);
    }

    [Theory]
    [InlineData("\\0")]
    [InlineData("\\n")]
    [InlineData("\\t")]
    public void A_control_character_in_a_path_is_an_error_not_a_crash(string escape)
    {
        var errors = ManifestTestText.Errors(Directory.Replace("/srv/horadus/secrets", $"\"/srv/hor{escape}adus\"", StringComparison.Ordinal));

        var error = ManifestTestText.SingleErrorAt(errors, "secrets_root");
        Assert.Contains("without control characters", error.Summary, StringComparison.Ordinal);
        Assert.Contains(escape, error.Detail, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 3, 15);
    }

    [Fact]
    public void A_file_name_with_a_trailing_newline_is_refused_and_shown_escaped()
    {
        var errors = ManifestTestText.Errors(Directory + "\nmapping:\n  files:\n    \"abc\\n\": ABC_FILE\n");

        var error = Assert.Single(errors);
        Assert.Contains("name 'abc\\n'", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.ToString(), StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 10, 5);
    }

    [Fact]
    public void A_tab_in_indentation_is_reported_at_its_line_and_column()
    {
        var errors = ManifestTestText.Errors(Directory + "\nmodes:\n\tfile: \"0640\"\n");

        var error = Assert.Single(errors);
        Assert.Equal("malformed YAML", error.Summary);
        ManifestTestText.AssertAt(error, 9, 1);
    }

    [Fact]
    public void A_mapping_entry_may_select_its_value_by_a_key_path()
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal + "\n    unmapped_keys: ignore\nmapping:\n  defaults: none\n  files:\n    database_url: { variable: DATABASE_URL_FILE, key: app/db/url }\n");

        var entry = Assert.Single(document.Mapping);
        Assert.Equal(("database_url", "DATABASE_URL_FILE", "app/db/url"), (entry.File, entry.Variable, entry.Key));
        Assert.True(Assert.IsType<SopsSource>(document.Source).IgnoreUnmappedKeys);
    }

    [Theory]
    [InlineData("{ variable: X_FILE, key: \"a//b\" }", "mapping.files.x.key")]
    [InlineData("{ variable: X_FILE, key: \"a/\" }", "mapping.files.x.key")]
    [InlineData("{ key: a }", "mapping.files.x.variable")]
    [InlineData("{ variable: X_FILE, path: a }", "mapping.files.x.path")]
    public void A_malformed_mapping_entry_is_refused_at_its_field(string target, string field)
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + $"\nmapping:\n  files:\n    x: {target}\n");

        ManifestTestText.SingleErrorAt(errors, field);
    }

    [Fact]
    public void With_a_directory_source_a_key_must_be_a_file_of_the_directory()
    {
        var errors = ManifestTestText.Errors(Directory + "\nmapping:\n  files:\n    x: { variable: X_FILE, key: ../../etc/shadow }\n");

        var error = ManifestTestText.SingleErrorAt(errors, "mapping.files.x.key");
        Assert.Contains("would leave the values directory", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmapped_keys_is_only_allowed_with_a_sops_source()
    {
        var errors = ManifestTestText.Errors(Directory + "\n    unmapped_keys: ignore\n");

        Assert.Contains(errors, e => e.Summary == "'unmapped_keys' is only allowed together with 'sops'");
    }

    private static IEnumerable<(string Pattern, string? Example)> Patterns(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if (obj["pattern"] is JsonValue pattern)
            {
                var example = obj["examples"] is JsonArray { Count: > 0 } examples && examples[0] is JsonValue first && first.TryGetValue<string>(out var text) ? text : null;
                yield return (pattern.GetValue<string>(), example);
            }

            foreach (var (_, child) in obj)
            {
                foreach (var nested in child is null ? [] : Patterns(child))
                {
                    yield return nested;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var nested in array.Where(item => item is not null).SelectMany(item => Patterns(item!)))
            {
                yield return nested;
            }
        }
    }
}

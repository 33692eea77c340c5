using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class MalformedYamlTests
{
    [Fact]
    public void Malformed_yaml_is_one_error_at_the_parser_s_position_with_its_reason()
    {
        var errors = ManifestTestText.Errors("""
            version: 1
            release:
              stamp: "20260215T090000Z
              source: {}
            """);

        var error = Assert.Single(errors);
        Assert.Equal("malformed YAML", error.Summary);
        Assert.NotNull(error.Location);
        Assert.Equal(ManifestTestText.DisplayPath, error.Location.File);
        Assert.InRange(error.Location.Line, 3, 5);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }

    [Fact]
    public void Bad_indentation_is_reported_at_the_offending_line()
    {
        var errors = ManifestTestText.Errors("""
            version: 1
            secrets_root: /srv
              release: x
            """);

        var error = Assert.Single(errors);
        Assert.Equal("malformed YAML", error.Summary);
        Assert.Equal(3, error.Location!.Line);
    }

    [Fact]
    public void An_unclosed_flow_list_is_malformed_yaml_not_a_crash()
    {
        var errors = ManifestTestText.Errors("version: 1\nservices:\n  api:\n    after: [worker\n");

        Assert.Equal("malformed YAML", Assert.Single(errors).Summary);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_occurrence_naming_the_first()
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + "\nversion: 1\n");

        var error = Assert.Single(errors);
        Assert.Equal("duplicate key 'version'", error.Summary);
        ManifestTestText.AssertAt(error, 7, 1);
        Assert.Contains("line 1, column 1", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_says_it_is_empty()
    {
        var error = Assert.Single(ManifestTestText.Errors(""));

        Assert.Equal("the manifest is empty", error.Summary);
    }

    [Fact]
    public void A_manifest_that_is_not_a_mapping_says_what_was_expected()
    {
        var error = Assert.Single(ManifestTestText.Errors("- version: 1\n"));

        Assert.StartsWith("expected a mapping", error.Summary, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 1, 1);
    }
}

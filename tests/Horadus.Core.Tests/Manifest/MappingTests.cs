using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class MappingTests
{
    [Fact]
    public void Two_files_mapped_to_one_variable_are_refused_at_the_second()
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + """

            mapping:
              files:
                custom_token: CUSTOM_TOKEN_FILE
                other_token: CUSTOM_TOKEN_FILE
            """);

        var error = Assert.Single(errors);
        Assert.Equal("two files map to the variable 'CUSTOM_TOKEN_FILE'", error.Summary);
        Assert.Equal("mapping.files.other_token", error.Field);
        Assert.Contains("'custom_token' already maps to CUSTOM_TOKEN_FILE (line 9)", error.Detail, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 10, 18);
    }

    [Fact]
    public void A_custom_file_cannot_take_a_default_file_s_variable()
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + "\nmapping:\n  files:\n    my_key: SECRET_KEY_FILE\n");

        Assert.Equal("two files map to the variable 'SECRET_KEY_FILE'", Assert.Single(errors).Summary);
    }

    [Theory]
    [InlineData("CUSTOM_TOKEN")]
    [InlineData("custom_token_FILE")]
    [InlineData("CUSTOM-TOKEN_FILE")]
    public void A_variable_must_be_upper_case_and_end_in_FILE(string variable)
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + $"\nmapping:\n  files:\n    custom_token: {variable}\n");

        var error = ManifestTestText.SingleErrorAt(errors, "mapping.files.custom_token");
        Assert.StartsWith("must be an upper-case variable name ending in _FILE", error.Summary, StringComparison.Ordinal);
        Assert.Equal($"found \"{variable}\"", error.Detail);
        ManifestTestText.AssertAt(error, 9, 19);
    }

    [Fact]
    public void Defaults_must_be_runbook_or_none()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nmapping: { defaults: all }\n"));

        Assert.Equal("must be runbook (the runbook's ten files) or none", error.Summary);
        Assert.Equal("mapping.defaults", error.Field);
    }
}

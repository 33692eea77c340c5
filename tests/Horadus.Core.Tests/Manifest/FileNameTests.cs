using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class FileNameTests
{
    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    public void A_file_name_that_would_leave_the_release_directory_gets_its_own_message(string name)
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + $"\nmapping:\n  files:\n    \"{name}\": CUSTOM_FILE\n");

        var error = Assert.Single(errors);
        Assert.Equal($"file name '{name}' would leave the release directory", error.Summary);
        Assert.Equal("a file name may not contain '/' or '..', nor start with '.'", error.Detail);
        Assert.Equal($"mapping.files.{name}", error.Field);
        ManifestTestText.AssertAt(error, 9, 5);
    }

    [Fact]
    public void A_file_name_with_other_characters_is_refused_by_its_description()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nmapping:\n  files:\n    \"my token\": CUSTOM_FILE\n"));

        Assert.StartsWith("name 'my token' must be a plain file name", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_name_with_dots_is_not_mistaken_for_a_file_name()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nservices:\n  ../api:\n    compose: { project: horadus }\n"));

        Assert.StartsWith("name '../api' must be a service name", error.Summary, StringComparison.Ordinal);
    }
}

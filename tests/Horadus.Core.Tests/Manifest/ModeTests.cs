using Horadus.Core.Desired;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class ModeTests
{
    [Theory]
    [InlineData("\"0750\"", 0b111_101_000)]
    [InlineData("0750", 0b111_101_000)]
    [InlineData("'0640'", 0b110_100_000)]
    [InlineData("\"700\"", 0b111_000_000)]
    public void Quoted_and_leading_zero_modes_are_octal(string written, int expectedBits)
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal + $"\nmodes:\n  file: {written}\n");

        Assert.Equal(new PermissionMode(expectedBits), document.Modes.File);
    }

    [Theory]
    [InlineData("0999")]
    [InlineData("rwx")]
    [InlineData("\"07500\"")]
    public void A_mode_that_is_not_octal_says_what_a_mode_looks_like(string written)
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + $"\nmodes:\n  file: {written}\n");

        var error = ManifestTestText.SingleErrorAt(errors, "modes.file");
        Assert.StartsWith("must be an octal mode such as \"0750\"", error.Summary, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 8, 9);
    }

    [Fact]
    public void A_mode_written_as_the_integer_750_asks_for_a_string()
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + "\nmodes:\n  release_dir: 750\n");

        var error = ManifestTestText.SingleErrorAt(errors, "modes.release_dir");
        Assert.Equal("expected a string like \"0750\"", error.Summary);
        Assert.Equal("found integer 750", error.Detail);
        ManifestTestText.AssertAt(error, 8, 16);
    }

    [Fact]
    public void A_world_readable_mode_is_refused_in_production_with_its_position()
    {
        var errors = ManifestTestText.Errors(ManifestTestText.Minimal + "\nmodes:\n  file: \"0644\"\n");

        var error = ManifestTestText.SingleErrorAt(errors, "modes.file");
        Assert.StartsWith("mode 0644 lets every user of the host reach the secrets", error.Summary, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 8, 9);
    }

    [Fact]
    public void A_world_readable_mode_is_accepted_in_development()
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal.Replace("version: 1", "version: 1\nenvironment: development", StringComparison.Ordinal) + "\nmodes:\n  file: \"0644\"\n");

        Assert.Equal(new PermissionMode(0b110_100_100), document.Modes.File);
    }
}

using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class ManyErrorsTests
{
    [Fact]
    public void Schema_and_semantic_errors_are_reported_together_in_file_order_with_exact_positions()
    {
        var errors = ManifestTestText.Errors("""
            version: 1
            secrets_root: /srv/horadus/secrets
            release:
              stamp: "20260231T090000Z"
              source:
                directory: values/
            mapping:
              files:
                ../etc/passwd: PASSWD_FILE
                token: TOKEN
            modes:
              file: 750
            retention:
              keep_previous: -1
              stability_window: soon
            services:
              api:
                compose: { project: horadus }
                after: [worker]
                helth: {}
              worker:
                compose: { project: horadus }
                after: [api]
            """);

        Assert.Equal(
            [
                "4:10 release.stamp: the release stamp is not a real UTC date and time",
                "6:5 release.source.directory: a plain directory source is for development only",
                "9:5 mapping.files.../etc/passwd: file name '../etc/passwd' would leave the release directory",
                "10:12 mapping.files.token: must be an upper-case variable name ending in _FILE, such as CUSTOM_TOKEN_FILE, or { variable: CUSTOM_TOKEN_FILE, key: app/custom/token }",
                "12:9 modes.file: expected a string like \"0750\"",
                "14:18 retention.keep_previous: must be a whole number of previous releases to keep, 0 or more",
                "15:21 retention.stability_window: must be a duration such as 10s, 500ms, 1h30m (units ms, s, m, h, d)",
                "20:5 services.api.helth: unknown key 'helth'",
                "23:13 services.worker.after[0]: services wait for each other in a cycle",
            ],
            errors.Select(e => $"{e.Location!.Line}:{e.Location.Column} {e.Field}: {e.Summary}"));
    }

    [Fact]
    public void A_diagnostic_prints_as_file_line_column_field_and_message()
    {
        var error = Assert.Single(ManifestTestText.Errors(ManifestTestText.Minimal + "\nmodes: { file: rwx }\n"));

        Assert.Equal(
            "horadus.desired.yaml:7:16: error: modes.file: must be an octal mode such as \"0750\" (quote it, or write it with its leading 0) (found \"rwx\")",
            error.ToString());
    }
}

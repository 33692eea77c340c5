using Horadus.Core.Services;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class ServiceTests
{
    private static string WithServices(string services) => ManifestTestText.Minimal + "\nservices:\n" + services;

    [Fact]
    public void A_service_with_both_compose_and_labels_is_refused()
    {
        var errors = ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    labels: { role: api }\n"));

        var error = Assert.Single(errors);
        Assert.Equal("give exactly one of 'compose', 'labels' or 'swarm', not compose and labels", error.Summary);
        ManifestTestText.AssertAt(error, 10, 5);
    }

    [Fact]
    public void A_service_with_neither_compose_nor_labels_is_refused_at_its_name()
    {
        var errors = ManifestTestText.Errors(WithServices("  api:\n    mount_path: /run/secrets/horadus\n"));

        var error = Assert.Single(errors);
        Assert.Equal("service 'api' needs 'compose', 'labels' or 'swarm'", error.Summary);
        Assert.Equal("services.api", error.Field);
        ManifestTestText.AssertAt(error, 8, 3);
    }

    [Fact]
    public void A_swarm_service_by_stack_is_named_as_docker_stack_deploy_names_it()
    {
        var document = ManifestTestText.LoadValid(WithServices("  api:\n    swarm: { stack: horadus }\n"));

        var swarm = Assert.Single(document.Services).Swarm;
        Assert.NotNull(swarm);
        Assert.Equal("horadus_api", swarm.Service);
        Assert.Equal(Horadus.Core.Swarm.SwarmUpdateSettings.Default, swarm.Update);
    }

    [Fact]
    public void A_service_with_both_compose_and_swarm_is_refused_at_the_second()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    swarm: { service: horadus_api }\n")));

        Assert.Equal("give exactly one of 'compose', 'labels' or 'swarm', not compose and swarm", error.Summary);
        Assert.Equal("services.api.swarm", error.Field);
    }

    [Fact]
    public void A_swarm_target_with_both_service_and_stack_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    swarm: { service: horadus_api, stack: horadus }\n")));

        Assert.Equal("give exactly one of 'service', 'stack' or 'labels', not service and stack", error.Summary);
        Assert.Equal("services.api.swarm.stack", error.Field);
    }

    [Fact]
    public void A_swarm_service_by_labels_keeps_them_to_find_it_on_the_manager()
    {
        var document = ManifestTestText.LoadValid(WithServices("  api:\n    swarm: { labels: { app.example/role: api } }\n"));

        var swarm = Assert.Single(document.Services).Swarm;
        Assert.NotNull(swarm);
        Assert.Equal("labels app.example/role=api", swarm.Describe());
        Assert.Equal(string.Empty, swarm.Service);
    }

    [Fact]
    public void A_swarm_update_order_outside_the_two_orders_is_refused_at_its_field()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    swarm: { service: horadus_api, update: { order: sideways } }\n")));

        Assert.Equal("services.api.swarm.update.order", error.Field);
        Assert.StartsWith("must be stop-first or start-first", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_swarm_service_with_a_service_level_order_is_told_where_it_goes()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    swarm: { service: horadus_api }\n    order: start-first\n")));

        Assert.Equal("a swarm service's order is swarm.update.order", error.Summary);
        Assert.Equal("services.api.order", error.Field);
    }

    [Fact]
    public void A_swarm_service_that_asks_to_reload_is_refused_at_the_key()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    swarm: { service: horadus_api }\n    reload: { signal: SIGHUP }\n")));

        Assert.Equal("a swarm service cannot reload: its secrets are swarm secrets, fixed in each task", error.Summary);
        Assert.Equal("services.api.reload", error.Field);
    }

    [Theory]
    [InlineData("{ signal: SIGHUP }", "SIGHUP")]
    [InlineData("{ signal: none }", null)]
    public void A_reload_signal_is_read_and_none_means_no_signal(string reload, string? signal)
    {
        var document = ManifestTestText.LoadValid(WithServices($"  api:\n    compose: {{ project: horadus }}\n    reload: {reload}\n"));

        Assert.Equal(new ReloadStrategy(signal), Assert.Single(document.Services).Reload);
    }

    [Theory]
    [InlineData("{ signal: SIGKILL }", "services.api.reload.signal")]
    [InlineData("{}", "services.api.reload.signal")]
    [InlineData("SIGHUP", "services.api.reload")]
    public void A_reload_without_one_of_the_signals_is_refused_at_its_field(string reload, string field)
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices($"  api:\n    compose: {{ project: horadus }}\n    reload: {reload}\n")));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_host_service_waiting_for_a_swarm_service_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices(
            "  api:\n    swarm: { service: horadus_api }\n  worker:\n    compose: { project: horadus }\n    after: [api]\n")));

        Assert.Equal("service 'worker' runs on this host and cannot wait for swarm service 'api'", error.Summary);
        Assert.Equal("services.worker.after[0]", error.Field);
    }

    [Fact]
    public void Empty_labels_are_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    labels: {}\n")));

        Assert.StartsWith("must be a non-empty mapping of container labels", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void After_naming_an_undeclared_service_suggests_the_closest_name()
    {
        var errors = ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n  worker:\n    compose: { project: horadus }\n    after: [apj]\n"));

        var error = Assert.Single(errors);
        Assert.Equal("unknown service 'apj' in 'after'", error.Summary);
        Assert.Equal("did you mean 'api'?", error.Detail);
        Assert.Equal("services.worker.after[0]", error.Field);
        ManifestTestText.AssertAt(error, 12, 13);
    }

    [Fact]
    public void A_service_waiting_for_itself_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    after: [api]\n")));

        Assert.Equal("service 'api' cannot wait for itself", error.Summary);
    }

    [Fact]
    public void Services_waiting_for_each_other_in_a_cycle_are_reported_once_with_the_cycle()
    {
        var errors = ManifestTestText.Errors(WithServices("""
              api:
                compose: { project: horadus }
                after: [beat]
              worker:
                compose: { project: horadus }
                after: [api]
              beat:
                compose: { project: horadus }
                after: [worker]
            """));

        var error = Assert.Single(errors);
        Assert.Equal("services wait for each other in a cycle", error.Summary);
        Assert.StartsWith("api -> beat -> worker -> api", error.Detail, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 13, 13);
    }

    [Fact]
    public void A_relative_mount_path_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    mount_path: run/secrets\n")));

        Assert.StartsWith("must be an absolute path inside the container", error.Summary, StringComparison.Ordinal);
        Assert.Equal("services.api.mount_path", error.Field);
    }

    [Fact]
    public void A_service_name_with_upper_case_letters_is_refused_at_the_name()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  Api:\n    compose: { project: horadus }\n")));

        Assert.StartsWith("name 'Api' must be a service name", error.Summary, StringComparison.Ordinal);
        ManifestTestText.AssertAt(error, 8, 3);
    }

    [Fact]
    public void A_health_url_must_be_http_or_https()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    health:\n      http: { url: \"ftp://host/health\" }\n")));

        Assert.StartsWith("must be an http:// or https:// URL", error.Summary, StringComparison.Ordinal);
        Assert.Equal("services.api.health.http.url", error.Field);
    }

    [Fact]
    public void An_empty_preflight_command_is_refused()
    {
        var error = Assert.Single(ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    preflight: { command: [] }\n")));

        Assert.StartsWith("must be a non-empty list of strings", error.Summary, StringComparison.Ordinal);
        Assert.Equal("services.api.preflight.command", error.Field);
    }

    [Theory]
    [InlineData("/bin/sh", new[] { "/bin/sh" })]
    [InlineData("[\"/bin/sh\", \"-e\"]", new[] { "/bin/sh", "-e" })]
    [InlineData("\"\"", new string[0])]
    [InlineData("[]", new string[0])]
    public void A_preflight_entrypoint_is_a_program_or_a_list_and_empty_resets_it(string entrypoint, string[] expected)
    {
        var preflight = LoadPreflight($"entrypoint: {entrypoint}\n      command: [\"/app/check.sh\"]");

        Assert.Equal(expected, preflight.Entrypoint);
    }

    [Fact]
    public void Without_an_entrypoint_the_preflight_keeps_the_services()
    {
        var preflight = LoadPreflight("command: [\"/app/check.sh\"]");

        Assert.Null(preflight.Entrypoint);
    }

    [Fact]
    public void A_preflight_entrypoint_string_with_arguments_is_refused_rather_than_split()
    {
        var errors = ManifestTestText.Errors(WithServices("  api:\n    compose: { project: horadus }\n    preflight:\n      entrypoint: /bin/sh -e\n      command: [\"/app/check.sh\"]\n"));

        var error = ManifestTestText.SingleErrorAt(errors, "services.api.preflight.entrypoint");
        Assert.StartsWith("must be the program that runs the command instead of the image's entrypoint", error.Summary, StringComparison.Ordinal);
        Assert.Contains("a string is never split", error.Summary, StringComparison.Ordinal);
    }

    private static PreflightCommand LoadPreflight(string lines) =>
        ManifestTestText.LoadValid(WithServices($"  api:\n    compose: {{ project: horadus }}\n    preflight:\n      {lines}\n")).Services.Single().Preflight!;
}

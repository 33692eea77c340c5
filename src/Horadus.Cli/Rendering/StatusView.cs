using Spectre.Console;

namespace Horadus.Cli.Rendering;

internal static class StatusView
{
    public static void Write(IAnsiConsole console, StatusDocument status)
    {
        DiagnosticsView.Write(console, status.Problems);
        console.MarkupLine($"Secrets root: [bold]{Markup.Escape(status.SecretsRoot)}[/]{(status.RootExists ? string.Empty : " (does not exist yet)")}");
        console.MarkupLine($"Live release: [bold]{Markup.Escape(status.Current ?? "none")}[/]   desired: {Markup.Escape(status.DesiredRelease)}");
        if (status.Suspended is { } suspended)
        {
            console.MarkupLine($"[yellow]Suspended[/] by {Markup.Escape(suspended.By)} since {suspended.Since:u}: {Markup.Escape(suspended.Reason)} (`horadus resume` lets the daemon act again)");
        }

        if (status.Daemon is { } daemon)
        {
            var last = daemon.Last;
            console.MarkupLine($"Daemon: last cycle {last.At:u}: {Markup.Escape(EnumNames.Of(last.State))} (policy {EnumNames.Of(daemon.Policy)}, pid {daemon.Pid}, revision {Markup.Escape(last.Revision ?? "-")}){(last.Message is { } m ? ": " + Markup.Escape(m) : string.Empty)}; next around {daemon.NextAround:u}");
        }
        if (status.Releases.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("release", "standing", "live since", "mode owner", "files");
            foreach (var r in status.Releases)
            {
                var name = r.Stamp + (r.Live ? " (live)" : string.Empty) + (r.Desired ? " (desired)" : string.Empty);
                var standing = r.FailureReason is null ? r.Standing : $"{r.Standing}: {r.FailureReason}";
                table.AddRow(Markup.Escape(name), Markup.Escape(standing), r.LiveSince?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-", r.Attributes, r.Files.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        foreach (var staging in status.StagingLeftovers)
        {
            console.MarkupLine($"[yellow]leftover[/] releases/{Markup.Escape(staging)} (an interrupted apply; the next apply removes it)");
        }

        foreach (var foreign in status.Foreign)
        {
            console.MarkupLine($"[grey]not managed by horadus:[/] {Markup.Escape(foreign)}");
        }

        foreach (var service in status.Services)
        {
            if (service.Layout is not null)
            {
                console.MarkupLine($"service/{Markup.Escape(service.Name)}: [grey]{Markup.Escape(service.Layout)}[/]");
            }

            if (service.Error is not null)
            {
                // An engine that could not be asked is the same reason for every service, said once as status's error;
                // a swarm service's own reason (no manager, no such service) is said here.
                var why = service.Error.StartsWith("container engine:", StringComparison.Ordinal) ? "its containers could not be read; see the error" : service.Error;
                console.MarkupLine($"service/{Markup.Escape(service.Name)}: [red]unknown[/] ({Markup.Escape(why)})");
                continue;
            }

            if (service.Containers.Count(c => !c.SetAside) == 0)
            {
                console.MarkupLine($"service/{Markup.Escape(service.Name)}: [yellow]no container[/]");
            }

            foreach (var c in service.Containers)
            {
                if (c.SetAside)
                {
                    // Not the service's container: a leftover of an apply that did not finish (the problems above say what to do).
                    var release = c.Release is null ? string.Empty : $", release {Markup.Escape(c.Release)}";
                    console.MarkupLine($"service/{Markup.Escape(service.Name)}: [yellow]set aside[/] {Markup.Escape(c.Name)} {c.State}{release} [yellow](left by an apply that did not finish; see the warning above)[/]");
                    continue;
                }

                var raw = c.RawSecretVariables.Count == 0 ? string.Empty : $" [red]raw secrets in env: {Markup.Escape(string.Join(",", c.RawSecretVariables))}[/]";
                var stale = c.State == "running" && status.Current is { } live && c.Release != live
                    ? $" [yellow](stale: current is {Markup.Escape(live)}; `horadus apply` recreates it)[/]"
                    : string.Empty;
                console.MarkupLine($"service/{Markup.Escape(service.Name)}: {Markup.Escape(c.Name)} {c.State}, health {c.Health}, {c.RestartCount} restarts, release {Markup.Escape(c.Release ?? "unknown")}{stale}{raw}");
            }
        }
    }
}

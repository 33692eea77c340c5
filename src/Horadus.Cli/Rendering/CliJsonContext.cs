using System.Text.Json.Serialization;
using Horadus.Core.History;
using Horadus.Core.Watching;

namespace Horadus.Cli.Rendering;

/// <summary>Every document the command line writes or reads (plan files, --json output, the daemon's state, webhooks).</summary>
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(DriftDocument))]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(List<ApplyRecord>))]
[JsonSerializable(typeof(Watching.WatchStatus))]
[JsonSerializable(typeof(Suspension))]
[JsonSerializable(typeof(Watching.WebhookNotifier.Notification))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>Options over <see cref="CliJsonContext"/> for what is not shown to a person.</summary>
internal static class CliJson
{
    /// <summary>The daemon's state files: snake_case, indented.</summary>
    public static System.Text.Json.JsonSerializerOptions State { get; } =
        Core.Serialization.HoradusJson.Options(CliJsonContext.Default, o => o.WriteIndented = true);
}

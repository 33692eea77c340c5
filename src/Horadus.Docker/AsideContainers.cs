namespace Horadus.Docker;

/// <summary>
/// How a container set aside during a replacement is recognised. Labels cannot be changed on an existing container,
/// so the old one is marked by its new name (<c>&lt;name&gt;-horadus-aside-&lt;short id&gt;</c>) and by the replacement's
/// <c>horadus.replaces=&lt;old id&gt;</c> label; a <c>horadus.aside=true</c> label is honoured too (containers made by other tools).
/// <para>
/// An apply removes what it set aside once every gate passed (commit) or renames it back and starts it (rollback). When
/// Horadus is killed in between (kill -9, power loss), the container stays aside, stopped, with the compose labels of the
/// service. <c>FindAsync</c> therefore returns it with the selector's other containers, flagged
/// <c>ObservedContainer.SetAside</c> and with its <c>OriginalName</c> (the name before the marker, else the name of the
/// replacement that names it), after the service's own containers. The core never treats it as one of the service's
/// containers (not recreated, not counted, not a pre-flight template); the plan warns about it at <c>service/NAME</c> with
/// what to do (<c>docker rm</c> it when the service runs without it, else rename it back and start it), and <c>status</c>
/// lists it as set aside. Nothing removes or restarts it by itself: which of the two is right is a person's call.
/// </para>
/// </summary>
internal static class AsideContainers
{
    public const string NameMarker = "-horadus-aside-";
    public const string AsideLabel = Horadus.Core.Services.HoradusLabels.Aside;
    public const string ReplacesLabel = Horadus.Core.Services.HoradusLabels.Replaces;

    public static string AsideName(string originalName, string oldId) => $"{originalName}{NameMarker}{ShortId(oldId)}";

    public static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    /// <summary>The name a container set aside had: what precedes the marker, else its replacement's name, else unknown.</summary>
    public static string? OriginalName(string name, string? replacementName)
    {
        var marker = name.LastIndexOf(NameMarker, StringComparison.Ordinal);
        if (marker > 0)
        {
            return name[..marker];
        }

        return string.IsNullOrEmpty(replacementName) ? null : replacementName;
    }

    public static bool IsAside(string id, string name, IDictionary<string, string>? labels, IReadOnlySet<string> replacedIds) =>
        name.Contains(NameMarker, StringComparison.Ordinal)
        || (labels is not null && labels.TryGetValue(AsideLabel, out var aside) && string.Equals(aside, "true", StringComparison.OrdinalIgnoreCase))
        || replacedIds.Contains(id);
}

namespace Horadus.Docker;

/// <summary>
/// How a container set aside during a replacement is recognised. Labels cannot be changed on an existing container,
/// so the old one is marked by its new name (<c>&lt;name&gt;-horadus-aside-&lt;short id&gt;</c>) and by the replacement's
/// <c>horadus.replaces=&lt;old id&gt;</c> label; a <c>horadus.aside=true</c> label is honoured too (containers made by other tools).
/// </summary>
internal static class AsideContainers
{
    public const string NameMarker = "-horadus-aside-";
    public const string AsideLabel = "horadus.aside";
    public const string ReplacesLabel = "horadus.replaces";

    public static string AsideName(string originalName, string oldId) => $"{originalName}{NameMarker}{ShortId(oldId)}";

    public static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    public static bool IsAside(string id, string name, IDictionary<string, string>? labels, IReadOnlySet<string> replacedIds) =>
        name.Contains(NameMarker, StringComparison.Ordinal)
        || (labels is not null && labels.TryGetValue(AsideLabel, out var aside) && string.Equals(aside, "true", StringComparison.OrdinalIgnoreCase))
        || replacedIds.Contains(id);
}

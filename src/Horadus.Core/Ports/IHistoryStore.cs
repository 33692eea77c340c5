using Horadus.Core.History;

namespace Horadus.Core.Ports;

/// <summary>The apply history kept next to the secrets root (never inside a mounted release).</summary>
public interface IHistoryStore
{
    IReadOnlyList<ApplyRecord> Read();

    void Append(ApplyRecord record);
}

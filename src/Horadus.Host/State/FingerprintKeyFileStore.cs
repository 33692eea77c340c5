using Horadus.Core.Desired;
using Horadus.Core.Ports;

namespace Horadus.Host.State;

/// <summary>The per-root fingerprint key kept in <c>.horadus/fingerprint.key</c>, as the use case's port.</summary>
public sealed class FingerprintKeyFileStore : IFingerprintKeyStore
{
    public FingerprintKey? Read(string root) => FingerprintKeyFile.Read(root);
}

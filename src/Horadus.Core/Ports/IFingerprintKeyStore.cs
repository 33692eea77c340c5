using Horadus.Core.Desired;

namespace Horadus.Core.Ports;

/// <summary>The per-root key of the fingerprints: null when the root has none yet; an <see cref="IOException"/> when it is unusable.</summary>
public interface IFingerprintKeyStore
{
    FingerprintKey? Read(string root);
}

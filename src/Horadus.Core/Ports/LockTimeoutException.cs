namespace Horadus.Core.Ports;

public sealed class LockTimeoutException(string message) : Exception(message);

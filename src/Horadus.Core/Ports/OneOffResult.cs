namespace Horadus.Core.Ports;

public sealed record OneOffResult(long ExitCode, string Output, bool TimedOut);

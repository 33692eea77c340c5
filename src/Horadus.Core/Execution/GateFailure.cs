namespace Horadus.Core.Execution;

/// <summary>A failed health gate: which one, its last answer, and the container's last log lines.</summary>
/// <param name="Gate">The gate as a person reads it: <c>running</c>, <c>healthcheck</c>, <c>http URL</c>, <c>log</c>, ...</param>
public sealed record GateFailure(string Service, GateKind Kind, string Gate, string LastAnswer, IReadOnlyList<string> LogTail)
{
    /// <summary>Whether the failure is a verdict on the release: an engine error or an interruption says nothing about it.</summary>
    public bool JudgesRelease => Kind is not (GateKind.Engine or GateKind.Interrupted);

    public static GateFailure Engine(string service, string message) => new(service, GateKind.Engine, "recreate", message, []);

    public static GateFailure Interrupted(string service, string message) => new(service, GateKind.Interrupted, "interrupted", message, []);
}

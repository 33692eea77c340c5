namespace Horadus.Core.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}

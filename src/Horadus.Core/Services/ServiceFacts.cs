using System.Globalization;

namespace Horadus.Core.Services;

/// <summary>A service's gate and pre-flight settings as one stable line each: part of what a saved plan pins.</summary>
public static class ServiceFacts
{
    public static string Gates(HealthGates gates) => string.Create(CultureInfo.InvariantCulture,
        $"http {(gates.Http is { } h ? $"{h.Url} {h.ExpectStatus} '{h.ExpectBody}' {h.Timeout} {h.Interval}" : "-")}, " +
        $"healthcheck {gates.ContainerHealthcheck}, stable {gates.StableFor}, deadline {gates.Deadline}, log [{string.Join("|", gates.LogFailurePatterns)}]");

    public static string Preflight(PreflightCommand? preflight) => preflight is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"[{string.Join(" ", preflight.Command)}] entrypoint [{(preflight.Entrypoint is null ? "image" : string.Join(" ", preflight.Entrypoint))}] expect '{preflight.ExpectOutput}' timeout {preflight.Timeout}");
}

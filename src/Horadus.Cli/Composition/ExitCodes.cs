namespace Horadus.Cli.Composition;

/// <summary>Terraform's conventions: 0 success (no changes with --detailed-exitcode), 1 error, 2 changes present.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Error = 1;
    public const int ChangesPresent = 2;
}

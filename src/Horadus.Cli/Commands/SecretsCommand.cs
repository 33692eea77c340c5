using System.CommandLine;
using System.Security.Cryptography;
using Horadus.Cli.Composition;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Host.State;
using Horadus.Manifest;
using Horadus.Shared;
using Horadus.Sops;
using Horadus.Sops.Age;
using Spectre.Console;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus secrets check|encrypt</c>: open a SOPS file as horadus will (MAC verified, fingerprints only),
/// and write SOPS files for age recipients without the sops binary.
/// </summary>
internal static class SecretsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("secrets", "Check and write SOPS files encrypted for age recipients");
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Encrypt(context));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var common = new CommonOptions();
        var file = new Argument<string?>("FILE") { Description = "The SOPS file [default: the manifest's release.source.sops]", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("check", "Decrypt in memory, verify the MAC, and list the keys with fingerprints (never values)");
        command.Arguments.Add(file);
        common.AddTo(command);
        command.SetAction(result =>
        {
            var options = common.Read(result);
            var problems = new List<Diagnostic>();
            string path;
            string? keyFile = options.AgeKeyFile;
            ManifestDocument? manifest = null;
            if (result.GetValue(file) is { } given)
            {
                path = Path.GetFullPath(given, context.WorkingDirectory);
            }
            else
            {
                var (loaded, diagnostics) = Session.LoadManifest(context, options.ManifestPath);
                if (loaded is null)
                {
                    Session.Report(context, diagnostics);
                    return ExitCodes.Error;
                }

                if (loaded.Source is not SopsSource sops)
                {
                    context.Error.WriteLine($"error: {loaded.Path} takes its values from a directory, not a SOPS file; name the file: horadus secrets check FILE");
                    return ExitCodes.Error;
                }

                (manifest, path, keyFile) = (loaded, sops.Path, keyFile ?? sops.AgeKeyFile);
            }

            var document = SopsValues.Decrypt(path, keyFile, context.Environment, null, problems, field: null);
            if (document is null)
            {
                Session.Report(context, problems);
                return ExitCodes.Error;
            }

            context.Out.MarkupLine($"{Markup.Escape(path)}: [green]MAC verified[/] (sops {Markup.Escape(document.SopsVersion ?? "?")}, last modified {document.LastModified:yyyy-MM-dd HH:mm:ss}Z), {document.TopLevel.Count} keys:");
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("key", "type", "size", "fingerprint");
            var rows = document.TopLevel.Select(entry => entry.Value.Kind switch
            {
                SopsValueKind.Scalar => (Key: entry.Key, Type: entry.Value.ScalarType.ToString().ToLowerInvariant(), Bytes: entry.Value.Scalar!, Value: entry.Value),
                SopsValueKind.List => (Key: entry.Key, Type: $"list of {entry.Value.Items.Count}", Bytes: SopsValues.JoinLines(entry.Value.Items), Value: entry.Value),
                // Not a value a file can hold: no size or fingerprint (an empty one would read as an empty secret).
                _ => (Key: entry.Key, Type: document.Root[entry.Key] is SopsMapping nested ? $"mapping of {nested.Entries.Count()} keys" : "nested list", Bytes: Array.Empty<byte>(), Value: entry.Value),
            }).ToList();
            var fingerprints = FingerprintKeyOf(manifest, options.RootOverride, context) ?? FingerprintKey.Provisional(rows.Where(r => r.Bytes.Length > 0).Select(r => KeyValuePair.Create(r.Key, r.Bytes)));
            foreach (var (key, type, bytes, value) in rows)
            {
                var complex = value.Kind == SopsValueKind.Complex;
                table.AddRow(Markup.Escape(key), type, complex ? "-" : $"{bytes.Length} B", complex ? "select a value inside with key: " + Markup.Escape(key) + "/..." : fingerprints.Digest(bytes).Short);
                CryptographicOperations.ZeroMemory(bytes);
                foreach (var item in value.Items)
                {
                    CryptographicOperations.ZeroMemory(item);
                }
            }

            context.Out.Write(table);
            if (manifest is not null)
            {
                SopsValues.Read((SopsSource)manifest.Source, manifest.Mapping, keyFile, context.Environment, problems);
                if (problems.Count > 0)
                {
                    Session.Report(context, problems);
                    return problems.Any(p => p.IsError) ? ExitCodes.Error : ExitCodes.Success;
                }

                context.Out.WriteLine($"Every one of the {manifest.Mapping.Count} mapped files has a value.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The key of the manifest's secrets root, so the fingerprints listed are the ones its plans show; null without one.</summary>
    private static FingerprintKey? FingerprintKeyOf(ManifestDocument? manifest, string? rootOverride, CliContext context)
    {
        if (manifest is null)
        {
            return null;
        }

        var root = rootOverride is null ? manifest.SecretsRoot : Path.GetFullPath(rootOverride, context.WorkingDirectory);
        try
        {
            return FingerprintKeyFile.Read(Path.TrimEndingDirectorySeparator(root));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Command Encrypt(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "A plaintext YAML, JSON or .env file: top-level keys are the secret file names" };
        var recipients = new Option<string[]>("--age") { Description = "An age recipient (age1...) that may decrypt the file; repeat for several [default: $SOPS_AGE_RECIPIENTS]", HelpName = "RECIPIENT", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out", "-o") { Description = "Write the encrypted file here [default: stdout]", HelpName = "FILE" };
        var inPlace = new Option<bool>("--in-place", "-i") { Description = "Replace INPUT with its encrypted form" };
        var command = new Command("encrypt", "Encrypt a plaintext file for age recipients, as `sops --encrypt --age` does");
        command.Arguments.Add(input);
        command.Options.Add(recipients);
        command.Options.Add(output);
        command.Options.Add(inPlace);
        command.SetAction(result =>
        {
            var path = Path.GetFullPath(result.GetValue(input)!, context.WorkingDirectory);
            var texts = (result.GetValue(recipients) ?? []).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (texts.Count == 0 && context.Environment("SOPS_AGE_RECIPIENTS") is { Length: > 0 } fromEnvironment)
            {
                texts.AddRange(fromEnvironment.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            if (texts.Count == 0)
            {
                context.Error.WriteLine("error: no recipient: pass --age age1... (or set SOPS_AGE_RECIPIENTS)");
                return ExitCodes.Error;
            }

            if (result.GetValue(inPlace) && result.GetValue(output) is not null)
            {
                context.Error.WriteLine("error: --in-place and --out exclude each other");
                return ExitCodes.Error;
            }

            if (!InputFile.TryRead(path, InputLimits.SopsFile, out var plain, out var problem))
            {
                context.Error.WriteLine($"error: cannot read {path}: {problem}");
                return ExitCodes.Error;
            }

            try
            {
                var format = SopsFormats.FromPath(path);
                var parsedRecipients = texts.Select(AgeRecipient.Parse).ToList();
                var tree = SopsPlainFile.Load(plain, format);
                var encrypted = SopsEncryptor.Encrypt(tree, format, parsedRecipients, context.Time);
                var target = result.GetValue(inPlace) ? path : result.GetValue(output) is { } o ? Path.GetFullPath(o, context.WorkingDirectory) : null;
                if (target is null)
                {
                    context.Out.Profile.Out.Writer.Write(System.Text.Encoding.UTF8.GetString(encrypted));
                }
                else
                {
                    // Written next to the target and renamed, so a failure never leaves half a file.
                    var temporary = target + ".horadus-tmp";
                    File.WriteAllBytes(temporary, encrypted);
                    File.Move(temporary, target, overwrite: true);
                    context.Error.WriteLine($"Encrypted {tree.Entries.Count()} keys for {parsedRecipients.Count} recipient(s) into {target}.");
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is SopsException or FormatException or ArgumentException)
            {
                context.Error.WriteLine($"error: {path}: {e.Message}");
                return ExitCodes.Error;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        });
        return command;
    }
}

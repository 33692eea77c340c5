using System.Text.Json;
using Horadus.Sops.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Sops.Tests.CrossCheck;

/// <summary>
/// Files we encrypt are decrypted by the independent npm implementation <c>sops-age</c>. Skips only when
/// node/npm are missing or the registry is unreachable, and fails instead when HORADUS_REQUIRE_NPM=1.
/// </summary>
public sealed class SopsAgeNpmCrossCheckTests
{
    private const string Script = """
        import { decryptSops } from "sops-age";
        import { readFileSync, writeFileSync } from "node:fs";
        const [file, fileType, keyFile, out] = process.argv.slice(2);
        const secretKey = readFileSync(keyFile, "utf8").split("\n").find((line) => line.startsWith("AGE-SECRET-KEY-"));
        const result = await decryptSops(readFileSync(file, "utf8"), { secretKey, fileType });
        writeFileSync(out, JSON.stringify(result));
        """;

    private static readonly Lazy<(string? Directory, string? SkipReason)> Installation = new(Install);

    [Theory]
    [InlineData(SopsFormat.Yaml, "yaml")]
    [InlineData(SopsFormat.Dotenv, "env")]
    [InlineData(SopsFormat.Json, "json")]
    public void OurEncryptedFile_IsDecryptedBySopsAgeToTheSameValues(SopsFormat format, string fileType)
    {
        var directory = RequireSopsAge();
        // sops-age's dotenv parser cuts " #..." from values where sops keeps it, so that sample stays out of the dotenv case.
        var values = format == SopsFormat.Dotenv
            ? [.. SampleSecrets.Flat().Where(pair => pair.Key != "note_unencrypted"), ("plain_unencrypted", SopsPlainValue.String("visible"))]
            : SampleSecrets.WithList();
        var file = SopsEncryptor.Encrypt(values, format, [TestKeys.First.Recipient], new FakeTimeProvider(SampleSecrets.Now));
        var name = "secrets." + fileType;
        File.WriteAllBytes(Path.Combine(directory, name), file);
        File.WriteAllText(Path.Combine(directory, "key.txt"), TestKeys.FirstSecret + "\n");
        var output = Path.Combine(directory, name + ".out.json");

        var result = ProcessRunner.Run("node", ["decrypt.mjs", name, fileType, "key.txt", output], directory, timeout: TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, "sops-age failed: " + result.StandardError);
        var decrypted = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        var ours = SopsDecryptor.Decrypt(file, format, SopsKeyRing.FromIdentities(TestKeys.First));
        Assert.Equal(ours.TopLevel.Select(pair => pair.Key), decrypted.EnumerateObject().Select(property => property.Name));
        foreach (var (key, value) in ours.TopLevel)
        {
            var theirs = decrypted.GetProperty(key);
            if (value.Kind == SopsValueKind.List)
            {
                Assert.Equal(value.Items.Select(SampleSecrets.Text), theirs.EnumerateArray().Select(item => item.GetString()));
            }
            else if (theirs.ValueKind == JsonValueKind.Number)
            {
                // JavaScript has one number type, so compare numerically.
                Assert.Equal(theirs.GetDouble(), double.Parse(SampleSecrets.Text(value.Scalar), System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Equal(SampleSecrets.Text(value.Scalar), AsText(theirs));
            }
        }
    }

    private static string AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };

    private static string RequireSopsAge()
    {
        var (directory, skipReason) = Installation.Value;
        if (directory is not null)
        {
            return directory;
        }

        if (Environment.GetEnvironmentVariable("HORADUS_REQUIRE_NPM") == "1")
        {
            Assert.Fail("HORADUS_REQUIRE_NPM=1 but sops-age is unavailable: " + skipReason);
        }

        Assert.Skip(skipReason!);
        return string.Empty;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static (string?, string?) Install()
    {
        if (ProcessRunner.Which("node") is null || ProcessRunner.Which("npm") is not { } npm)
        {
            return (null, "node and npm are not installed; the sops-age cross-check needs them.");
        }

        // Shared by the test cases and removed when the test process exits; never inside the repository.
        var directory = Directory.CreateTempSubdirectory("horadus-sops-age-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
        File.WriteAllText(Path.Combine(directory, "package.json"), """{ "name": "horadus-sops-crosscheck", "private": true, "type": "module" }""");
        File.WriteAllText(Path.Combine(directory, "decrypt.mjs"), Script);
        var result = ProcessRunner.Run(npm, ["install", "sops-age@4", "--no-audit", "--no-fund", "--loglevel=error"], directory, timeout: TimeSpan.FromSeconds(50));
        if (result.ExitCode == 0)
        {
            return (directory, null);
        }

        string[] offline = ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "ENETUNREACH", "network"];
        if (offline.Any(marker => result.StandardError.Contains(marker, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, "the npm registry is unreachable: " + result.StandardError.Trim().Split('\n')[0]);
        }

        throw new InvalidOperationException("npm install sops-age failed: " + result.StandardError);
    }
}

using System.Security.Cryptography;
using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.CrossCheck;

/// <summary>Our age files against Debian's age CLI, both ways (skipped when age is not installed).</summary>
public sealed class AgeCliCrossCheckTests
{
    [Theory]
    [InlineData(32, true)]
    [InlineData((64 * 1024) + 5, false)]
    public void OurAgeOutput_IsDecryptedByTheAgeCli(int length, bool armor)
    {
        var age = RequireTool("age");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("key.txt"), TestKeys.FirstSecret + "\n");
        var plaintext = RandomNumberGenerator.GetBytes(length);
        File.WriteAllBytes(temp.File("file.age"), AgeFile.Encrypt(plaintext, [TestKeys.First.Recipient], armor));

        var result = ProcessRunner.Run(age, ["-d", "-i", temp.File("key.txt"), temp.File("file.age")]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(plaintext, result.OutputBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AgeCliOutput_IsDecryptedByUs(bool armor)
    {
        var age = RequireTool("age");
        using var temp = new TempDirectory();
        var plaintext = RandomNumberGenerator.GetBytes((2 * 64 * 1024) + 3);
        File.WriteAllBytes(temp.File("plain"), plaintext);
        string[] arguments = armor
            ? ["-a", "-r", TestKeys.SecondRecipient, "-r", TestKeys.FirstRecipient, "-o", temp.File("file.age"), temp.File("plain")]
            : ["-r", TestKeys.FirstRecipient, "-o", temp.File("file.age"), temp.File("plain")];

        var result = ProcessRunner.Run(age, arguments);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(plaintext, AgeFile.Decrypt(File.ReadAllBytes(temp.File("file.age")), [TestKeys.First]));
    }

    [Fact]
    public void AgeKeygenIdentity_IsParsedAndItsRecipientMatches()
    {
        var keygen = RequireTool("age-keygen");
        using var temp = new TempDirectory();

        var result = ProcessRunner.Run(keygen, ["-o", temp.File("key.txt")]);
        var identity = Assert.Single(AgeIdentity.ParseFile(File.ReadAllText(temp.File("key.txt"))));
        var publicLine = File.ReadAllLines(temp.File("key.txt")).Single(line => line.StartsWith("# public key: ", StringComparison.Ordinal));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(publicLine["# public key: ".Length..], identity.Recipient.Text);
    }

    private static string RequireTool(string name)
    {
        var path = ProcessRunner.Which(name);
        if (path is null)
        {
            Assert.Skip($"'{name}' is not installed (apt-get install age); the age CLI cross-check needs it.");
        }

        return path!;
    }
}

using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Age;

public sealed class AgeKeyTests
{
    [Theory]
    [InlineData(TestKeys.FirstSecret, TestKeys.FirstRecipient)]
    [InlineData(TestKeys.SecondSecret, TestKeys.SecondRecipient)]
    [InlineData(TestKeys.MockSecret, TestKeys.MockRecipient)]
    public void Identity_DerivesThePublishedRecipient(string secret, string recipient)
    {
        Assert.Equal(recipient, AgeIdentity.Parse(secret).Recipient.Text);
    }

    [Fact]
    public void Recipient_WhenParsed_RoundTripsThroughBech32()
    {
        var recipient = AgeRecipient.Parse("  " + TestKeys.FirstRecipient + "\n");

        Assert.Equal(TestKeys.FirstRecipient, recipient.Text);
        Assert.Equal(TestKeys.First.Recipient, recipient);
    }

    [Theory]
    [InlineData("age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlx")] // bad checksum
    [InlineData("age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlW")] // mixed case
    [InlineData("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqgqwwd6t")] // wrong length
    [InlineData("nope")]
    public void Recipient_WhenMalformed_IsRejected(string text)
    {
        var error = Assert.Throws<SopsException>(() => AgeRecipient.Parse(text));
        Assert.Equal(SopsErrorKind.Malformed, error.Kind);
    }

    [Fact]
    public void Recipient_OfSshType_IsUnsupportedAndSaysSo()
    {
        var error = Assert.Throws<SopsException>(() => AgeRecipient.Parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA"));

        Assert.Equal(SopsErrorKind.UnsupportedRecipientType, error.Kind);
        Assert.Contains("ssh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_WhenChecksumIsWrong_FailsWithoutEchoingTheKey()
    {
        var broken = TestKeys.FirstSecret[..^1] + (TestKeys.FirstSecret[^1] == 'Q' ? 'P' : 'Q');

        var error = Assert.Throws<SopsException>(() => AgeIdentity.Parse(broken));

        Assert.Equal(SopsErrorKind.KeySourceFailed, error.Kind);
        Assert.DoesNotContain(broken[16..], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityFile_SkipsCommentsAndBlankLines_AndAcceptsCrlf()
    {
        var text = $"# created: 2020-07-18\r\n# public key: {TestKeys.FirstRecipient}\r\n{TestKeys.FirstSecret}\r\n\r\n{TestKeys.SecondSecret}\n";

        var identities = AgeIdentity.ParseFile(text);

        Assert.Equal([TestKeys.FirstRecipient, TestKeys.SecondRecipient], identities.Select(identity => identity.Recipient.Text));
    }

    [Fact]
    public void IdentityFile_WithTwoKeysOnOneLine_NeedsTheSopsAgeKeyRule()
    {
        var line = TestKeys.FirstSecret + " " + TestKeys.SecondSecret;

        Assert.Equal(2, AgeIdentity.ParseFile(line, allowSeveralPerLine: true).Count);
        Assert.Throws<SopsException>(() => AgeIdentity.ParseFile(line));
    }

    [Fact]
    public void Identity_ToString_ShowsOnlyThePublicRecipient()
    {
        var text = TestKeys.First.ToString();

        Assert.Contains(TestKeys.FirstRecipient, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
    }
}

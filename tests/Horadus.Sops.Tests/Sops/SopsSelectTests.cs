using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Sops;

/// <summary>One value by a path of keys, from a real nested file (getsops/sops example.yaml, vendored).</summary>
public sealed class SopsSelectTests
{
    private static SopsDocument Example()
    {
        var directory = FixtureLocator.RequireFixtures();
        var keys = Keys.FromFile(Path.Combine(directory, "getsops-sops/age/keys.txt"));
        return SopsDecryptor.Decrypt(File.ReadAllBytes(Path.Combine(directory, "getsops-sops/example.yaml")), SopsFormat.Yaml, keys);
    }

    [Fact]
    public void Select_OfANestedPath_RendersThatValueOnly()
    {
        var document = Example();

        var user = document.Select(["app2", "db", "user"]);
        var deep = document.Select(["this", "is", "a", "nested", "value"]);

        Assert.Equal("eve"u8.ToArray(), user?.Scalar);
        Assert.Equal("with something secret in it"u8.ToArray(), deep?.Scalar);
        Assert.Equal(SopsValueKind.Complex, document.Select(["app2"])?.Kind);
        Assert.IsType<SopsMapping>(document.NodeAt(["app2", "db"]));
    }

    [Theory]
    [InlineData("app2/db/host")]
    [InlineData("myapp1/below/a/string")]
    [InlineData("nothing")]
    public void Select_OfAPathThatIsNotThere_IsNull(string path)
    {
        var document = Example();

        Assert.Null(document.Select(path.Split('/')));
        Assert.Null(document.NodeAt(path.Split('/')));
    }
}

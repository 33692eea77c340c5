using Horadus.Sops.Formatting;

namespace Horadus.Sops.Tests.Sops;

public sealed class SopsFormatsTests
{
    [Theory]
    [InlineData("secrets.enc.yaml", SopsFormat.Yaml)]
    [InlineData("a/b/c.yml", SopsFormat.Yaml)]
    [InlineData("x.json", SopsFormat.Json)]
    [InlineData(".env", SopsFormat.Dotenv)]
    [InlineData("prod.env", SopsFormat.Dotenv)]
    [InlineData("app.ini", SopsFormat.Ini)]
    [InlineData("file.txt", SopsFormat.Binary)]
    [InlineData("SECRETS.YAML", SopsFormat.Binary)]
    [InlineData("noextension", SopsFormat.Binary)]
    public void FromPath_PicksTheStoreLikeSops(string path, SopsFormat expected)
    {
        Assert.Equal(expected, SopsFormats.FromPath(path));
    }

    // Expected strings are Go's strconv.FormatFloat / encoding/json / yaml.v3 outputs.
    [Theory]
    [InlineData(1234568000d, "1234568000", "1.234568e+09", "1234568000", "1.234568E+09")]
    [InlineData(25.4, "25.4", "25.4", "25.4", "25.4")]
    [InlineData(3d, "3", "3", "3", "3.0")]
    [InlineData(100000d, "100000", "100000", "100000", "100000.0")]
    [InlineData(1000000d, "1000000", "1e+06", "1000000", "1E+06")]
    [InlineData(0.0001, "0.0001", "0.0001", "0.0001", "0.0001")]
    [InlineData(0.00001, "0.00001", "1e-05", "0.00001", "1E-05")]
    [InlineData(1e-7, "0.0000001", "1e-07", "1e-7", "1E-07")]
    [InlineData(1e21, "1000000000000000000000", "1e+21", "1e+21", "1E+21")]
    [InlineData(-2.5, "-2.5", "-2.5", "-2.5", "-2.5")]
    [InlineData(0d, "0", "0", "0", "0.0")]
    public void Floats_AreFormattedLikeGo(double value, string f, string yaml, string json, string valToString)
    {
        Assert.Equal(f, GoFloat.FormatF(value));
        Assert.Equal(yaml, GoFloat.FormatYaml(value));
        Assert.Equal(json, GoFloat.FormatJson(value));
        Assert.Equal(valToString, GoFloat.ValToString(value));
    }
}

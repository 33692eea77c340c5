using Horadus.Sops.Age;

namespace Horadus.Sops.Tests.Support;

/// <summary>
/// Throw-away identities for tests that need no fixtures. These are the published test keys of
/// getsops/sops (age/keys.txt) and the sops mock identity; they protect nothing.
/// </summary>
internal static class TestKeys
{
    public const string FirstSecret = "AGE-SECRET-KEY-1NJT5YCS2LWU4V4QAJQ6R4JNU7LXPDX602DZ9NUFANVU5GDTGUWCQ5T59M6";
    public const string FirstRecipient = "age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw";
    public const string SecondSecret = "AGE-SECRET-KEY-1T0Z66WSXS6RMNCPSL7P2E8N4Q7SUD8VMG9ND27S08JL7Y2XAU9EQECHDS7";
    public const string SecondRecipient = "age1tmaae3ld5vpevmsh5yacsauzx8jetg300mpvc4ugp5zr5l6ssq9sla97ep";
    public const string MockSecret = "AGE-SECRET-KEY-1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7";
    public const string MockRecipient = "age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun";

    public static AgeIdentity First => AgeIdentity.Parse(FirstSecret);

    public static AgeIdentity Second => AgeIdentity.Parse(SecondSecret);

    public static AgeIdentity Mock => AgeIdentity.Parse(MockSecret);
}

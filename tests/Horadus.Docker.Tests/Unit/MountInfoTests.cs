namespace Horadus.Docker.Tests.Unit;

public sealed class MountInfoTests
{
    private static readonly string[] HostTable =
    [
        "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw",
        "40 27 8:17 / /srv rw,relatime shared:5 - ext4 /dev/sdb1 rw",
        "41 27 8:17 /exports /mnt/exports rw,relatime - ext4 /dev/sdb1 rw",
    ];

    [Fact]
    public void HostPathOf_MountOfTheRootDevice_IsItsRoot()
    {
        var mount = MountInfo.Parse(["92 75 254:0 /tmp/root/releases/A /run/secrets/horadus ro,relatime - ext4 /dev/vda rw"])[0];

        Assert.Equal("/tmp/root/releases/A", MountInfo.HostPathOf(mount, MountInfo.Parse(HostTable)));
    }

    [Fact]
    public void HostPathOf_MountOfASeparateFilesystem_IsPrefixedWithWhereTheHostMountsIt()
    {
        var mount = MountInfo.Parse(["92 75 8:17 /horadus/secrets/releases/B /run/secrets/horadus ro - ext4 /dev/sdb1 rw"])[0];

        Assert.Equal("/srv/horadus/secrets/releases/B", MountInfo.HostPathOf(mount, MountInfo.Parse(HostTable)));
    }

    [Fact]
    public void HostPathOf_PrefersTheHostMountWhoseRootIsClosest()
    {
        var mount = MountInfo.Parse(["92 75 8:17 /exports/x /data ro - ext4 /dev/sdb1 rw"])[0];

        Assert.Equal("/mnt/exports/x", MountInfo.HostPathOf(mount, MountInfo.Parse(HostTable)));
    }

    [Fact]
    public void HostPathOf_DeviceTheHostDoesNotMount_CannotBeTold()
    {
        var mount = MountInfo.Parse(["92 75 9:9 /x /data ro - ext4 /dev/md0 rw"])[0];

        Assert.Null(MountInfo.HostPathOf(mount, MountInfo.Parse(HostTable)));
    }

    [Fact]
    public void Parse_UnescapesOctalSpaces()
    {
        var mount = MountInfo.Parse(["92 75 254:0 /srv/my\\040secrets /run/my\\040dir ro - ext4 /dev/vda rw"])[0];

        Assert.Equal(new MountInfoEntry("254:0", "/srv/my secrets", "/run/my dir"), mount);
    }
}

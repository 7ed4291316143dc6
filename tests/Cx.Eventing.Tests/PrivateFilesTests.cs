using Cx.Eventing.Embedded;
using Cx.Eventing.Envelope;
using Cx.Persistence.Hosting;

namespace Cx.Eventing.Tests;

/// <summary>The data directory and its database files are readable by their owner alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerOnly | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cx-private-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task EventLog_InANewDataDirectory_DirectoryIs0700_DatabaseWalAndShmAre0600()
    {
        var data = Path.Combine(_root.FullName, "data");
        var log = new EmbeddedEventLog(Path.Combine(data, "events.db"));

        await log.AppendAsync([new EventEnvelope("e-1", "cx.testing.order_placed.v1", "/cx/shop", "o-1", DateTimeOffset.UtcNow, "acme", "c-1", null, null, "{}")], CancellationToken.None);

        Assert.Equal(OwnerDirectory, File.GetUnixFileMode(data));
        foreach (var file in new[] { "events.db", "events.db-wal", "events.db-shm" })
        {
            Assert.True(File.Exists(Path.Combine(data, file)), file + " exists");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(data, file)));
        }
    }

    [Fact]
    public void DatabaseFile_MadeReadableByOthersBefore_IsMadePrivate_WithItsDirectory()
    {
        var data = Path.Combine(_root.FullName, "old");
        Directory.CreateDirectory(data, OwnerDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var database = Path.Combine(data, "measurement.db");
        File.WriteAllText(database, string.Empty);
        File.WriteAllText(database + "-wal", string.Empty);
        File.SetUnixFileMode(database, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(database + "-wal", OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PrivateFiles.DatabaseFile(database);

        Assert.Equal(OwnerDirectory, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database + "-wal"));
    }
}

using Cx.Persistence.Hosting;
namespace Cx.Host.Launch;

/// <summary>
/// Holds the data directory for one running platform: two processes writing the same
/// service databases would corrupt each other's state, so the second is refused at start.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = ".cx.lock";

    private readonly FileStream _lock;

    private DataDirectoryLock(string directory, FileStream stream)
    {
        Directory = directory;
        _lock = stream;
    }

    public string Directory { get; }

    /// <exception cref="DataDirectoryInUseException">Another process holds the directory.</exception>
    public static DataDirectoryLock Acquire(string directory)
    {
        var full = Path.GetFullPath(directory);
        PrivateFiles.Directory(full);
        try
        {
            var stream = new FileStream(Path.Combine(full, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            return new DataDirectoryLock(full, stream);
        }
        catch (IOException e)
        {
            throw new DataDirectoryInUseException(full, e);
        }
    }

    public void Dispose() => _lock.Dispose();
}

internal sealed class DataDirectoryInUseException(string directory, Exception inner)
    : Exception($"The data directory {directory} is in use by another cx process; stop it or choose another directory with --data.", inner);

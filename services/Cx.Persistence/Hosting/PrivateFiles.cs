namespace Cx.Persistence.Hosting;

/// <summary>
/// The data directory and the database files in it are the owner's alone (0700 and 0600): they
/// hold every tenant's data and the webhook secrets, and a umask of 022 would let any local user
/// read them. SQLite gives its -wal and -shm files the mode of the database file, so creating the
/// database file first, private, keeps those private too.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory for the owner alone, or makes an existing one so.</summary>
    public static void Directory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        System.IO.Directory.CreateDirectory(path, OwnerDirectory);
        File.SetUnixFileMode(path, OwnerDirectory);
    }

    /// <summary>Creates a new file for the owner alone (0600) and opens it for writing; it must not exist yet.</summary>
    public static FileStream NewFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        return new FileStream(path, options);
    }

    /// <summary>Creates the directory of a database file and the file itself (empty) for the owner alone, or makes existing ones so.</summary>
    public static void DatabaseFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory(Path.GetDirectoryName(full)!);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(full))
        {
            try
            {
                using var created = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
            }
            catch (IOException) when (File.Exists(full))
            {
                // Another service of the process created it first.
            }
        }

        foreach (var file in new[] { full, full + "-wal", full + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, OwnerFile);
        }
    }
}

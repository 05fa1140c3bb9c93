namespace Hearth.Web.Hosting;

/// <summary>
/// The data directory is the app user's alone (0700), and the SQLite database with its WAL and shared-memory
/// files is readable by that user only (0600). SQLite gives the -wal and -shm files the permissions of the
/// database file, so creating the (empty) database file with 0600 before SQLite first opens it is enough;
/// files from an earlier version are tightened at start.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode Directory0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void PrepareDataDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        Directory.CreateDirectory(directory, Directory0700);
        File.SetUnixFileMode(directory, Directory0700);
    }

    public static void PrepareSqliteFile(string databaseFile)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (!File.Exists(databaseFile))
        {
            using var _ = new FileStream(databaseFile, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File0600 });
        }
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, File0600);
        }
    }
}

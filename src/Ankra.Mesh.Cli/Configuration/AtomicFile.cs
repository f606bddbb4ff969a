namespace Ankra.Mesh.Cli.Configuration;

/// <summary>
/// Writes files the way credentials deserve: the content goes to a temporary file in the same folder
/// with mode 0600, which then replaces the target in one rename — a crash never leaves half a file,
/// and no other user can read a token even for a moment. Missing parent folders are created 0700.
/// </summary>
internal static class AtomicFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Write(string path, string content)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.tmp");
        try
        {
            var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                streamOptions.UnixCreateMode = OwnerReadWrite;
            }

            using (var stream = new FileStream(temporary, streamOptions))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, OwnerReadWrite);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Tightens an existing file to 0600 when group or others may read or write it.</summary>
    public static bool TightenPermissions(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerReadWrite & ~UnixFileMode.UserExecute) == 0)
        {
            return false;
        }

        File.SetUnixFileMode(path, OwnerReadWrite);
        return true;
    }
}

namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>A failed file system call; the message is the C library's wording (<c>strerror</c>), which commands print after their own prefix.</summary>
internal sealed class PodFileSystemException : IOException
{
    public PodFileSystemException()
    {
    }

    public PodFileSystemException(string message)
        : base(message)
    {
    }

    public PodFileSystemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static PodFileSystemException NoSpace() => new("No space left on device");

    public static PodFileSystemException NotFound() => new("No such file or directory");

    public static PodFileSystemException NotADirectory() => new("Not a directory");

    public static PodFileSystemException IsADirectory() => new("Is a directory");

    public static PodFileSystemException Exists() => new("File exists");

    public static PodFileSystemException NotEmpty() => new("Directory not empty");

    public static PodFileSystemException Busy() => new("Device or resource busy");
}

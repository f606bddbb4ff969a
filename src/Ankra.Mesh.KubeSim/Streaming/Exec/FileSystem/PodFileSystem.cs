namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>
/// One pod's files, in memory, for the built-in <c>tar</c>, <c>cat</c>, <c>ls</c>, <c>mkdir</c>, <c>rm</c>
/// and <c>test</c> (so <c>kubectl cp</c> works both ways). Paths are absolute and normalized
/// (<see cref="PodPath.Combine"/>). Stored file bytes are bounded by <see cref="CapacityBytes"/>: a write past
/// it fails with "No space left on device", as a full disk would. One lock guards the tree and the bytes;
/// every call under it is short (at most one copy of the caller's buffer), so concurrent execs interleave.
/// Starts with <c>/tmp</c> (mode 1777, as in a container image) and nothing else.
/// </summary>
internal sealed class PodFileSystem
{
    /// <summary>512 MiB: room for a few 64 MB copies without letting a runaway test eat the machine.</summary>
    public const long DefaultCapacityBytes = 512L * 1024 * 1024;

    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101; // 0755

    private readonly Lock _lock = new();
    private readonly PodDirectory _root = new() { Mode = DirectoryMode };
    private long _usedBytes;

    public PodFileSystem(long capacityBytes = DefaultCapacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
        _root.Children["tmp"] = new PodDirectory { Mode = (UnixFileMode)0b1_111_111_111 }; // 1777
    }

    public long CapacityBytes { get; }

    /// <summary>Bytes stored in files that are still linked.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_lock)
            {
                return _usedBytes;
            }
        }
    }

    /// <summary>The entry at <paramref name="path"/>, or null when it does not exist.</summary>
    public PodFsEntry? Find(string path)
    {
        lock (_lock)
        {
            return Lookup(PodPath.Segments(path));
        }
    }

    /// <summary>The names and entries of a directory, as a snapshot.</summary>
    public IReadOnlyList<KeyValuePair<string, PodFsEntry>> List(PodDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        lock (_lock)
        {
            return [.. directory.Children];
        }
    }

    /// <summary><c>mkdir</c>, or <c>mkdir -p</c> with <paramref name="parents"/>: an existing directory is then fine.</summary>
    public PodDirectory CreateDirectory(string path, bool parents, UnixFileMode mode = DirectoryMode)
    {
        var segments = PodPath.Segments(path);
        lock (_lock)
        {
            var directory = _root;
            for (var i = 0; i < segments.Length; i++)
            {
                var last = i == segments.Length - 1;
                if (directory.Children.TryGetValue(segments[i], out var existing))
                {
                    directory = existing as PodDirectory ?? throw (last ? PodFileSystemException.Exists() : PodFileSystemException.NotADirectory());
                    if (last && !parents)
                    {
                        throw PodFileSystemException.Exists();
                    }

                    continue;
                }

                if (!last && !parents)
                {
                    throw PodFileSystemException.NotFound();
                }

                var created = new PodDirectory { Mode = last ? mode : DirectoryMode };
                directory.Children[segments[i]] = created;
                directory.ModifiedAt = DateTimeOffset.UtcNow;
                directory = created;
            }

            return directory;
        }
    }

    /// <summary>Opens a file for writing as <c>O_CREAT|O_TRUNC</c> does: its parent must exist; an existing file is emptied.</summary>
    public PodFile CreateFile(string path, UnixFileMode mode)
    {
        var segments = PodPath.Segments(path);
        lock (_lock)
        {
            if (segments.Length == 0)
            {
                throw PodFileSystemException.IsADirectory();
            }

            var parent = Lookup(segments[..^1]) switch
            {
                PodDirectory directory => directory,
                null => throw PodFileSystemException.NotFound(),
                _ => throw PodFileSystemException.NotADirectory(),
            };
            switch (parent.Children.GetValueOrDefault(segments[^1]))
            {
                case PodDirectory:
                    throw PodFileSystemException.IsADirectory();
                case PodFile file:
                    _usedBytes -= file.Content.Length;
                    file.Content = new PodFileContent();
                    file.Mode = mode;
                    file.ModifiedAt = DateTimeOffset.UtcNow;
                    return file;
                default:
                    var created = new PodFile { Mode = mode };
                    parent.Children[segments[^1]] = created;
                    parent.ModifiedAt = DateTimeOffset.UtcNow;
                    return created;
            }
        }
    }

    /// <summary>Appends to a file opened with <see cref="CreateFile"/>; nothing is written when it would not fit.</summary>
    public void Append(PodFile file, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_lock)
        {
            if (file.IsLinked)
            {
                if (_usedBytes + data.Length > CapacityBytes)
                {
                    throw PodFileSystemException.NoSpace();
                }

                _usedBytes += data.Length;
            }

            file.Content.Append(data);
            file.ModifiedAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Sets an entry's modification time (what <c>tar x</c> without <c>-m</c> restores).</summary>
    public void SetModifiedAt(PodFsEntry entry, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            entry.ModifiedAt = time;
        }
    }

    /// <summary>Reads from a file's content as it was when the reader opened it (see <see cref="PodFile"/>).</summary>
    public int Read(PodFileContent content, long position, long limit, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_lock)
        {
            return content.Read(position, limit, destination);
        }
    }

    /// <summary><c>rm</c> (<paramref name="recursive"/>: <c>rm -r</c>, else a directory must be empty: <c>rmdir</c>).</summary>
    public void Remove(string path, bool recursive)
    {
        var segments = PodPath.Segments(path);
        lock (_lock)
        {
            if (segments.Length == 0)
            {
                throw PodFileSystemException.Busy();
            }

            if (Lookup(segments[..^1]) is not PodDirectory parent || !parent.Children.TryGetValue(segments[^1], out var entry))
            {
                throw PodFileSystemException.NotFound();
            }

            if (entry is PodDirectory { Children.Count: > 0 } && !recursive)
            {
                throw PodFileSystemException.NotEmpty();
            }

            parent.Children.Remove(segments[^1]);
            parent.ModifiedAt = DateTimeOffset.UtcNow;
            Unlink(entry);
        }
    }

    private void Unlink(PodFsEntry entry)
    {
        switch (entry)
        {
            case PodFile file:
                file.IsLinked = false;
                _usedBytes -= file.Content.Length;
                break;
            case PodDirectory directory:
                foreach (var child in directory.Children.Values)
                {
                    Unlink(child);
                }

                break;
        }
    }

    private PodFsEntry? Lookup(ReadOnlySpan<string> segments)
    {
        PodFsEntry current = _root;
        foreach (var segment in segments)
        {
            if (current is not PodDirectory directory || !directory.Children.TryGetValue(segment, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}

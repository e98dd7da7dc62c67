// AtomicFile: writes an output file so that it either appears complete or not at all. The bytes go to a
// hidden temporary file in the same directory (so the final rename stays on one file system), are
// flushed to disk, and the temp is renamed over the target; on any failure the temp is deleted and the
// target is untouched. Used for every file mcbits produces from user data (messages, decoded data, samples).
namespace Engine.Cli.Infrastructure;

/// <summary>All-or-nothing file writes.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray(); // a span cannot be captured by the write callback
        Write(path, s => s.Write(copy));
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file, then renames it to <paramref name="path"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The target's directory does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new IOException($"'{path}' has no directory.");
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"'{directory}' (for output '{path}')");
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Throws a <see cref="CliException"/> when <paramref name="path"/> exists and overwriting was not allowed.</summary>
    public static void CheckWritable(string path, bool force)
    {
        if (!force && (File.Exists(path) || Directory.Exists(path)))
            throw new CliException($"output '{path}' already exists (use --force to overwrite)");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is what the user needs to see.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

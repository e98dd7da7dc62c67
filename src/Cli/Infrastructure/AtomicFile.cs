// AtomicFile: writes an output file so that it either appears complete or not at all, and never clobbers
// what it should not. The bytes go to a short hidden temporary file ".mcbits-<pid>-<8 hex>.tmp" in the same
// directory (so the final step stays on one file system and a 220-character output name still fits in
// NAME_MAX), are flushed to disk, and the temp is then moved to the target: without --force by a move
// that refuses to replace (link + unlink on Linux), so a file that appeared meanwhile — another mcbits
// writing the same path — survives and this run fails with "already exists"; with --force by an atomic
// rename. A target that exists but is not a regular file (a character device such as /dev/null, a FIFO)
// is written directly and never renamed over. On any failure the temp is deleted and the target is
// untouched. Temps left by a killed mcbits (the pid in the name no longer runs) are removed on the next
// write into that directory. Used for every file mcbits produces from user data.
using System.Diagnostics;
using System.Globalization;
using Engine.Ans.Messages;

namespace Engine.Cli.Infrastructure;

/// <summary>All-or-nothing file writes.</summary>
internal static class AtomicFile
{
    /// <summary>Start of every temporary file name this class creates.</summary>
    public const string TempPrefix = ".mcbits-";

    /// <summary>End of every temporary file name this class creates.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool force = true)
    {
        byte[] copy = bytes.ToArray(); // a span cannot be captured by the write callback
        Write(path, s => s.Write(copy), force);
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file, then moves it to <paramref name="path"/> (replacing an
    /// existing file only when <paramref name="force"/>); a non-regular existing target is written directly.</summary>
    /// <exception cref="DirectoryNotFoundException">The target's directory does not exist.</exception>
    /// <exception cref="CliException">The target exists (or appeared while writing) and <paramref name="force"/> is false.</exception>
    public static void Write(string path, Action<Stream> write, bool force = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        if (StandardStreams.IsDash(path))
        {
            StandardStreams.Write(write); // "-": standard output, nothing to rename
            return;
        }
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new IOException($"'{Shown(path)}' has no directory.");
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"'{Shown(directory)}' (for output '{Shown(path)}')");
        if (IsSpecial(full))
        {
            CheckWritable(path, force);
            using var direct = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(direct);
            direct.Flush();
            return;
        }
        RemoveStaleTemps(directory);
        string temp = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture,
            $"{TempPrefix}{Environment.ProcessId}-{Random.Shared.Next():x8}{TempSuffix}"));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, full, overwrite: force);
            }
            catch (IOException) when (!force && (File.Exists(full) || Directory.Exists(full)))
            {
                throw Exists(path);
            }
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
        if (!force && !StandardStreams.IsDash(path) && (File.Exists(path) || Directory.Exists(path) || IsSpecial(path)))
            throw Exists(path);
    }

    /// <summary>True when <paramref name="path"/> exists and is not a regular file or directory (device, FIFO, socket).</summary>
    internal static bool IsSpecial(string path) => FileKind.IsSpecial(path);

    /// <summary>Deletes temporaries of this class in <paramref name="directory"/> whose process no longer runs.</summary>
    internal static void RemoveStaleTemps(string directory)
    {
        string[] temps;
        try
        {
            temps = Directory.GetFiles(directory, TempPrefix + "*" + TempSuffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (string temp in temps)
        {
            string name = Path.GetFileName(temp);
            int dash = name.IndexOf('-', TempPrefix.Length);
            if (dash < 0 || !int.TryParse(name.AsSpan(TempPrefix.Length, dash - TempPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                continue;
            if (pid != Environment.ProcessId && !IsRunning(pid)) TryDelete(temp);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static CliException Exists(string path) =>
        new($"output '{Shown(path)}' already exists (use --force to overwrite)");

    private static string Shown(string path) => UntrustedText.Excerpt(path);

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

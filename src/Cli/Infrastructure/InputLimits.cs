// InputLimits: the sizes mcbits accepts for data it reads or makes before coding (issue 10), checked before
// anything that large is allocated. A toy data file holds one symbol per byte; `compress` reads it through
// ReadBounded, which checks a regular file's length up front and reads a pipe or device (/dev/zero) only up
// to the limit, and `sample --symbols` is checked before sampling. Over the limit: one error line naming it.
using System.Globalization;
using Engine.Ans.Messages;

namespace Engine.Cli.Infrastructure;

/// <summary>Bounds on command inputs.</summary>
internal static class InputLimits
{
    /// <summary>Most symbols (bytes) of toy data one compress or sample handles: 2^26.</summary>
    public const int MaxSymbols = 1 << 26;

    /// <summary>Reads <paramref name="path"/> whole, or throws a <see cref="CliException"/> when it holds more than <paramref name="max"/> bytes.</summary>
    public static byte[] ReadBounded(string path, int max = MaxSymbols)
    {
        if (StandardStreams.IsDash(path)) return ReadBounded(StandardStreams.OpenInput(), "standard input", max);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return ReadBounded(file, path, max);
    }

    private static byte[] ReadBounded(Stream file, string path, int max)
    {
        if (file.CanSeek && file.Length > max)
            throw TooLarge(path, max);
        var chunks = new List<byte[]>();
        long total = 0;
        while (true)
        {
            var chunk = new byte[1 << 20];
            int n = file.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (n == 0) break;
            total += n;
            if (total > max) throw TooLarge(path, max);
            chunks.Add(n == chunk.Length ? chunk : chunk[..n]);
            if (n < chunk.Length) break;
        }
        var data = new byte[total];
        int at = 0;
        foreach (byte[] c in chunks)
        {
            c.CopyTo(data, at);
            at += c.Length;
        }
        return data;
    }

    /// <summary>Throws a usage <see cref="CliException"/> when <paramref name="symbols"/> is above <see cref="MaxSymbols"/>.</summary>
    public static void CheckSymbols(long symbols, string option)
    {
        if (symbols > MaxSymbols)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{option} {symbols}: above the limit of {MaxSymbols} symbols (InputLimits.MaxSymbols)"), ExitCodes.Usage);
    }

    private static CliException TooLarge(string path, int max) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"input '{UntrustedText.Excerpt(path)}' holds more than the limit of {max} symbols (one per byte; InputLimits.MaxSymbols)"), ExitCodes.Failed);
}

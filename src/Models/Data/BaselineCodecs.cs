// Generic-codec baselines on binary images, in bits per pixel, for the results table beside the
// bits-back coders. Streams: "packed" = all pixels MSB-first 8 per byte, images back to back
// (BinaryImages.PackBits); "bytes" = one byte (0/1) per pixel. gzip is .NET's deflate at its smallest
// setting inside a gzip container (the same format as `gzip -9`); xz runs the system `xz -9e`
// (XZ Utils), reported as unavailable when it is not installed; PNG is BilevelPng, both one file per
// image (what per-image codecs pay, headers included) and all images stacked as one tall image.
using System.Diagnostics;
using System.IO.Compression;

namespace Engine.Models.Data;

/// <summary>gzip, xz and PNG sizes of a set of binary images.</summary>
public static class BaselineCodecs
{
    /// <summary>All baselines on <paramref name="images"/>: gzip and xz on packed bits and on bytes, PNG per image and stacked.</summary>
    public static IReadOnlyList<BaselineResult> MeasureAll(BinaryImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long pixels = images.TotalPixels;
        byte[] packed = images.PackBits();
        return
        [
            new("gzip -9 (packed bits)", GzipBytes(packed), pixels),
            new("gzip -9 (byte per pixel)", GzipBytes(images.Bits), pixels),
            new("xz -9e (packed bits)", XzBytes(packed), pixels),
            new("xz -9e (byte per pixel)", XzBytes(images.Bits), pixels),
            new("PNG 1-bit, one file per image", PngPerImageBytes(images), pixels),
            new("PNG 1-bit, all images stacked", BilevelPng.Encode(images.Bits, images.Cols, images.Rows * images.Count).LongLength, pixels),
        ];
    }

    /// <summary>Size of a gzip file (deflate, smallest size) holding <paramref name="data"/>.</summary>
    public static long GzipBytes(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(data);
        return ms.Length;
    }

    /// <summary>Size of <c>xz -9e</c>'s output for <paramref name="data"/>, or null when no <c>xz</c> is on the PATH.</summary>
    /// <exception cref="InvalidOperationException">xz ran but failed.</exception>
    public static long? XzBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var info = new ProcessStartInfo("xz", "-9e -c -T1")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? p;
        try
        {
            p = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
        if (p is null) return null;
        using (p)
        {
            // Count stdout on another task while feeding stdin, so neither pipe can fill and block.
            Task<long> count = Task.Run(() =>
            {
                long n = 0;
                var buffer = new byte[1 << 16];
                int r;
                while ((r = p.StandardOutput.BaseStream.Read(buffer)) > 0) n += r;
                return n;
            });
            Task<string> errors = p.StandardError.ReadToEndAsync();
            p.StandardInput.BaseStream.Write(data);
            p.StandardInput.Close();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"xz exited with {p.ExitCode}: {errors.Result}");
            return count.Result;
        }
    }

    /// <summary>Total size of one PNG file per image.</summary>
    public static long PngPerImageBytes(BinaryImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long total = 0;
        for (int i = 0; i < images.Count; i++) total += BilevelPng.Encode(images.Image(i), images.Cols, images.Rows).LongLength;
        return total;
    }
}

// Generic-codec baselines on binary images, in bits per pixel, for the results table beside the
// bits-back coders. Streams: "packed" = all pixels MSB-first 8 per byte, images back to back
// (BinaryImages.PackBits); "bytes" = one byte (0/1) per pixel. gzip is .NET's deflate at its smallest
// setting inside a gzip container (the same format as `gzip -9`); xz runs the system `xz -9e`
// (XZ Utils), reported as unavailable when it is not installed; PNG is BilevelPng, both one file per
// image (what per-image codecs pay, headers included) and all images stacked as one tall image. The image codecs a
// user would reach for run as the Debian tools do: JPEG XL lossless (`cjxl -d 0 -e 9`, libjxl-tools) and WebP
// lossless (`cwebp -lossless -z 9`, webp) on 8-bit PNGs (0 / 255), one file per image and all images tiled into
// one near-square image (WebP caps a side at 16,383 pixels, so a tall stack of 1,000 images would not fit);
// each is reported as unavailable (null) when its tool is not installed.
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
            new("JPEG XL lossless (cjxl -d 0 -e 9), one file per image", PerImage(images, JpegXl), pixels),
            new("JPEG XL lossless, all images tiled", Tiled(images, JpegXl), pixels),
            new("WebP lossless (cwebp -lossless -z 9), one file per image", PerImage(images, WebP), pixels),
            new("WebP lossless, all images tiled", Tiled(images, WebP), pixels),
        ];
    }

    private static readonly ImageTool JpegXl = new("cjxl", ["{in}", "{out}", "-d", "0", "-e", "9", "--quiet"]);
    private static readonly ImageTool WebP = new("cwebp", ["-quiet", "-lossless", "-z", "9", "{in}", "-o", "{out}"]);

    /// <summary>An image codec run as a command: its executable and arguments, {in} and {out} standing for the files.</summary>
    private sealed record ImageTool(string Executable, string[] Arguments);

    // Total size of one file per image, or null when the tool is absent.
    private static long? PerImage(BinaryImages images, ImageTool tool)
    {
        long total = 0;
        for (int i = 0; i < images.Count; i++)
        {
            if (Encode(tool, GreyPng(images.Image(i), images.Cols, images.Rows)) is not long bytes) return null;
            total += bytes;
        }
        return total;
    }

    // Size of all images tiled into one image of ceil(sqrt(n)) images a row (blank tiles fill the last row).
    private static long? Tiled(BinaryImages images, ImageTool tool)
    {
        int n = images.Count, across = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(n))), down = (n + across - 1) / across;
        int width = across * images.Cols, height = down * images.Rows;
        var bits = new byte[checked(width * height)];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> image = images.Image(i);
            int x0 = i % across * images.Cols, y0 = i / across * images.Rows;
            for (int y = 0; y < images.Rows; y++) image.Slice(y * images.Cols, images.Cols).CopyTo(bits.AsSpan((y0 + y) * width + x0));
        }
        return Encode(tool, GreyPng(bits, width, height));
    }

    // An 8-bit grey PNG of 0/1 pixels as 0/255 (what the image tools read most plainly).
    private static byte[] GreyPng(ReadOnlySpan<byte> bits, int width, int height) => BilevelPng.EncodeGrey8(bits, width, height);

    // The started tool, or null when it is not installed.
    private static Process? Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    // Runs the tool on a temporary PNG; the output's size, or null when the tool is not installed.
    private static long? Encode(ImageTool tool, byte[] png)
    {
        string dir = Directory.CreateTempSubdirectory("mcbits-baseline-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.png"), output = Path.Combine(dir, "out");
            File.WriteAllBytes(input, png);
            var info = new ProcessStartInfo(tool.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in tool.Arguments) info.ArgumentList.Add(a == "{in}" ? input : a == "{out}" ? output : a);
            if (Start(info) is not Process p) return null;
            using (p)
            {
                Task<string> errors = p.StandardError.ReadToEndAsync();
                p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0 || !File.Exists(output)) throw new InvalidOperationException($"{tool.Executable} exited with {p.ExitCode}: {errors.Result}");
                return new FileInfo(output).Length;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
        if (Start(info) is not Process p) return null;
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

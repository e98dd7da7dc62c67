// Baseline codecs: the PNG writer's output is a valid 1-bit PNG (checked by an independent
// minimal reader: signature, chunk CRCs, IHDR fields, inflated rows), and the measured sizes
// are real compressed sizes (gzip and xz outputs decompress back to the input).
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

public class BaselineCodecsTests
{
    private static byte[] Bits(int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)(rng.NextBelow(4) == 0 ? 1 : 0);
        return b;
    }

    /// <summary>Reads back a 1-bit, filter-None PNG: returns width, height and pixels, checking every CRC.</summary>
    private static (int W, int H, byte[] Bits) ReadPng(byte[] png)
    {
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        int pos = 8, w = 0, h = 0;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            types.Add(type);
            var body = png.AsSpan(pos + 8, len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            Assert.That(crc, Is.EqualTo(Crc32.Compute(png.AsSpan(pos + 4, 4), body)), type);
            if (type == "IHDR")
            {
                w = (int)BinaryPrimitives.ReadUInt32BigEndian(body);
                h = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                Assert.That(body[8..].ToArray(), Is.EqualTo(new byte[] { 1, 0, 0, 0, 0 }));
            }
            if (type == "IDAT") idat.Write(body);
            pos += 12 + len;
        }
        Assert.That(types, Is.EqualTo(new[] { "IHDR", "IDAT", "IEND" }));
        idat.Position = 0;
        var raw = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
        byte[] r = raw.ToArray();
        int rowBytes = (w + 7) / 8;
        Assert.That(r.Length, Is.EqualTo(h * (rowBytes + 1)));
        var bits = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            Assert.That(r[y * (rowBytes + 1)], Is.EqualTo(0), "filter type");
            for (int x = 0; x < w; x++) bits[y * w + x] = (byte)((r[y * (rowBytes + 1) + 1 + x / 8] >> (7 - x % 8)) & 1);
        }
        return (w, h, bits);
    }

    [Test]
    public void Crc32MatchesTheStandardCheckValue() =>
        Assert.That(Crc32.Compute("123456789"u8), Is.EqualTo(0xCBF43926u));

    [Test]
    public void IendChunkCrcIsTheWellKnownConstant()
    {
        byte[] png = BilevelPng.Encode(new byte[9], 3, 3);
        Assert.That(png[^4..], Is.EqualTo(new byte[] { 0xAE, 0x42, 0x60, 0x82 }));
    }

    [TestCase(28, 28)]
    [TestCase(13, 5)]
    [TestCase(1, 1)]
    public void PngReadsBackToTheSamePixels(int w, int h)
    {
        byte[] bits = Bits(w * h, (ulong)(w * 100 + h));
        var (rw, rh, back) = ReadPng(BilevelPng.Encode(bits, w, h));
        Assert.That((rw, rh), Is.EqualTo((w, h)));
        Assert.That(back, Is.EqualTo(bits));
    }

    [Test]
    public void PngRejectsWrongSizes() =>
        Assert.Throws<ArgumentException>(() => BilevelPng.Encode(new byte[10], 3, 3));

    [Test]
    public void GzipSizeIsThatOfARealGzipFile()
    {
        byte[] data = Bits(5000, 4);
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(data);
        Assert.That(BaselineCodecs.GzipBytes(data), Is.EqualTo(ms.Length));
        ms.Position = 0;
        var back = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionMode.Decompress)) gz.CopyTo(back);
        Assert.That(back.ToArray(), Is.EqualTo(data));
    }

    [Test]
    public void XzSizeMatchesTheXzTool()
    {
        byte[] data = Bits(20000, 5);
        long? size = BaselineCodecs.XzBytes(data);
        Assume.That(size, Is.Not.Null, "xz is not installed");
        // Independent run of the tool through a file: same size.
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, data);
            using var p = Process.Start(new ProcessStartInfo("xz", $"-9e -c -T1 {path}") { RedirectStandardOutput = true })!;
            var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            p.WaitForExit();
            Assert.That(size, Is.EqualTo(ms.Length));
            Assert.That(size, Is.LessThan(data.Length)); // 1 bit of every 8 is informative at most
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void MeasureAllReportsEveryCodecInBitsPerDim()
    {
        var bits = new byte[10 * 16];
        for (int i = 0; i < bits.Length; i++) bits[i] = (byte)(i % 16 < 8 ? 1 : 0); // same image ten times
        var images = new BinaryImages(4, 4, bits, new byte[10], Enumerable.Range(0, 10).ToArray());
        var results = BaselineCodecs.MeasureAll(images);
        Assert.That(results.Select(r => r.Codec), Has.Some.StartsWith("gzip").And.Some.StartsWith("PNG").And.Some.StartsWith("xz"));
        var perImage = results.Single(r => r.Codec == "PNG 1-bit, one file per image");
        Assert.That(perImage.Bytes, Is.EqualTo(10 * BilevelPng.Encode(images.Image(0), 4, 4).Length));
        Assert.That(perImage.BitsPerDim, Is.EqualTo(8.0 * perImage.Bytes!.Value / 160));
        Assert.That(new BaselineResult("none", null, 10).BitsPerDim, Is.NaN);
    }

    [TestCase("cjxl", "JPEG XL")]
    [TestCase("cwebp", "WebP")]
    public void TheImageCodecsCodeEveryImageLosslesslyWhenInstalled(string tool, string label)
    {
        var bits = new byte[30 * 28 * 28];
        var rng = new Random(4);
        for (int i = 0; i < bits.Length; i++) bits[i] = (byte)(rng.Next(3) == 0 ? 1 : 0);
        var images = new BinaryImages(28, 28, bits, new byte[30], Enumerable.Range(0, 30).ToArray());
        var results = BaselineCodecs.MeasureAll(images).Where(r => r.Codec.StartsWith(label, StringComparison.Ordinal)).ToArray();
        Assert.That(results, Has.Length.EqualTo(2), "one file per image and all images tiled");
        if (results.All(r => r.Bytes is null)) Assert.Ignore($"{tool} is not installed (Debian: {(tool == "cjxl" ? "libjxl-tools" : "webp")})");
        foreach (BaselineResult r in results)
            Assert.That(r.BitsPerDim, Is.InRange(0.3, 3.0), $"{r.Codec}: near the 0.918-bit entropy of these pixels, with headers");
        Assert.That(results[1].Bytes!.Value, Is.LessThan(results[0].Bytes!.Value), "one tiled file pays one header");
    }
}

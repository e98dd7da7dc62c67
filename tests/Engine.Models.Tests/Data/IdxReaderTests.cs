// IDX reader: round trips, gzip detection, and a typed IdxFormatException for every kind of damage.
using System.IO.Compression;
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

public class IdxReaderTests
{
    private static byte[] Raw(params byte[] b) => b;

    private static IdxArray ReadBytes(byte[] bytes, int? rank = null, long max = IdxReader.DefaultMaxElements) =>
        IdxReader.Read(new MemoryStream(bytes), "mem", rank, max);

    private static byte[] Gzip(byte[] raw)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }

    [TestCase(true)]
    [TestCase(false)]
    public void WriteThenReadRoundTrips(bool gzip)
    {
        string path = Path.GetTempFileName();
        try
        {
            var data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
            IdxReader.Write(path, new IdxArray([2, 3, 4], data), gzip);
            IdxArray back = IdxReader.Read(path, expectedRank: 3);
            Assert.That(back.Dimensions, Is.EqualTo(new[] { 2, 3, 4 }));
            Assert.That(back.Data, Is.EqualTo(data));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void ReadsABodyLargerThanTheFirstChunk()
    {
        var data = new byte[300_000];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 31 >> 3);
        var header = Raw(0, 0, 8, 1, 0x00, 0x04, 0x93, 0xE0); // 300 000 = 0x0493E0
        IdxArray back = ReadBytes(Gzip([.. header, .. data]));
        Assert.That(back.Data.AsSpan().SequenceEqual(data), Is.True); // NUnit's element-wise compare is slow at this size
    }

    [Test]
    public void BadMagicIsTyped() =>
        Assert.Throws<IdxFormatException>(() => ReadBytes(Raw(1, 0, 8, 1, 0, 0, 0, 1, 5)));

    [Test]
    public void UnsupportedElementTypeIsTyped() =>
        Assert.That(() => ReadBytes(Raw(0, 0, 0x0D, 1, 0, 0, 0, 1, 5)),
            Throws.TypeOf<IdxFormatException>().With.Message.Contains("0x0D"));

    [Test]
    public void WrongRankIsTyped() =>
        Assert.Throws<IdxFormatException>(() => ReadBytes(Raw(0, 0, 8, 1, 0, 0, 0, 1, 5), rank: 3));

    [Test]
    public void TruncatedHeaderIsTyped() =>
        Assert.Throws<IdxFormatException>(() => ReadBytes(Raw(0, 0, 8, 3, 0, 0, 0, 1)));

    [Test]
    public void TruncatedBodyIsTyped() =>
        Assert.That(() => ReadBytes(Raw(0, 0, 8, 1, 0, 0, 0, 4, 1, 2)),
            Throws.TypeOf<IdxFormatException>().With.Message.Contains("truncated"));

    [Test]
    public void TrailingBytesAreTyped() =>
        Assert.That(() => ReadBytes(Raw(0, 0, 8, 1, 0, 0, 0, 1, 1, 2)),
            Throws.TypeOf<IdxFormatException>().With.Message.Contains("longer"));

    [Test]
    public void HugeHeaderClaimIsRefusedBeforeAllocating()
    {
        // 4 dims of 65 535 each claim 1.8e19 elements; the reader must refuse from the header alone.
        var bytes = Raw(0, 0, 8, 4, 0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF);
        Assert.That(() => ReadBytes(bytes), Throws.TypeOf<IdxFormatException>().With.Message.Contains("more than"));
    }

    [Test]
    public void AClaimUnderTheLimitButWithoutDataFailsWithoutTrustingIt()
    {
        // Claims 200 M elements (under the default cap) but holds 3: truncation, not an out-of-memory.
        var bytes = Raw(0, 0, 8, 1, 0x0B, 0xEB, 0xC2, 0x00, 1, 2, 3);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<IdxFormatException>(() => ReadBytes(bytes));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(4_000_000));
    }

    [Test]
    public void CorruptGzipIsTyped()
    {
        byte[] gz = Gzip(Raw(0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3));
        for (int i = 10; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        Assert.Throws<IdxFormatException>(() => ReadBytes(gz));
    }

    [Test]
    public void EmptyStreamIsTyped() => Assert.Throws<IdxFormatException>(() => ReadBytes([]));
}

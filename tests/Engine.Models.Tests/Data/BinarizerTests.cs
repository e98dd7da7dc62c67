// Binarisation: the fixed threshold at 128 and the seeded dynamic rule (reproducible, right mean,
// and the same pixels for an image whether binarised alone or inside its full set).
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

public class BinarizerTests
{
    private static ImageSet Ramp()
    {
        var px = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        return new ImageSet(16, 16, px, [0], [0]);
    }

    [Test]
    public void ThresholdIsAtLeast128()
    {
        var b = Binarizer.Threshold(Ramp());
        Assert.That(b.Bits[127], Is.EqualTo(0));
        Assert.That(b.Bits[128], Is.EqualTo(1));
        Assert.That(b.Bits.Count(x => x == 1), Is.EqualTo(128));
    }

    [Test]
    public void DynamicIsSeededAndHasTheRightMean()
    {
        const int n = 400;
        var px = new byte[n * 256];
        for (int i = 0; i < n; i++) for (int p = 0; p < 256; p++) px[i * 256 + p] = (byte)p;
        var set = new ImageSet(16, 16, px, new byte[n], Enumerable.Range(0, n).ToArray());
        var a = Binarizer.Dynamic(set, seed: 42);
        var b = Binarizer.Dynamic(set, seed: 42);
        var c = Binarizer.Dynamic(set, seed: 43);
        Assert.That(a.Bits, Is.EqualTo(b.Bits));
        Assert.That(a.Bits, Is.Not.EqualTo(c.Bits));
        // Value 0 is never on, 255 always; the mean over all values is (0+...+254)/255/256 per pixel.
        for (int i = 0; i < n; i++)
        {
            Assert.That(a.Image(i)[0], Is.EqualTo(0));
            Assert.That(a.Image(i)[255], Is.EqualTo(1));
        }
        double mean = a.Bits.Average(x => (double)x);
        double expect = Enumerable.Range(0, 256).Average(v => v / 255.0);
        Assert.That(mean, Is.EqualTo(expect).Within(0.005)); // sd ≈ 0.001 over 102 400 pixels
    }

    [Test]
    public void DynamicDependsOnSourceIndexNotPosition()
    {
        using var idx = new TinyIdx(trainCount: 20, testCount: 10, side: 4);
        var train = FashionMnist.Load(idx.Directory).Train;
        var full = Binarizer.Dynamic(train, 9);
        var sub = Binarizer.Dynamic(train.WhereClasses(ClassSet.Of(3)), 9);
        Assert.That(sub.SourceIndices, Is.EqualTo(new[] { 3, 13 }));
        Assert.That(sub.Image(1).ToArray(), Is.EqualTo(full.Image(13).ToArray()));
    }

    [Test]
    public void PackBitsIsMsbFirstContinuous()
    {
        var bits = new byte[] { 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
        var b = new BinaryImages(3, 3, bits, [0, 0], [0, 1]);
        Assert.That(b.PackBits(), Is.EqualTo(new byte[] { 0x81, 0xC0, 0x00 }));
    }

    [Test]
    public void BinaryImagesRejectNonBinaryPixels() =>
        Assert.Throws<ArgumentException>(() => new BinaryImages(1, 2, [0, 2], [0], [0]));
}

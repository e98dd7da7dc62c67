// CoupledGridDraw: every word draws an index whose residual rebuilds the word exactly; the words drawing an index number
// exactly freq x 2^(18 - f), so a uniform word draws each index with the probability Log2Probability states (the table's own in
// the window); indices no word draws are refused; shifts are fixed, zero for particle 0 and within the word.
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class CoupledGridDrawTests
{
    private static readonly (double Mean, double Std)[] Tables =
    [
        (0, 0.3), (12.7, 3), (-40.2, 255), (1000.5, 257), (-3e5, 4e4), (5e6, 1 << 26), (GridGaussian.GridLimit - 3, 2), (-GridGaussian.GridLimit, 5e3),
    ];

    [Test]
    public void ResidualRebuildsEveryWord()
    {
        var rng = new Random(4);
        foreach ((double mean, double std) in Tables)
        {
            var g = new GridGaussian(mean, std);
            for (int n = 0; n < 20000; n++)
            {
                ulong word = (ulong)rng.NextInt64() & CoupledGridDraw.WordMask;
                if (n == 0) word = CoupledGridDraw.WordMask;  // the escape's last word
                long k = CoupledGridDraw.Draw(g, word);
                Assert.That(CoupledGridDraw.TryInterval(g, k, out uint start, out uint freq), Is.True, $"N({mean}, {std}) word {word}");
                (uint high, uint low) = CoupledGridDraw.Residual(g, word, start);
                Assert.That(high, Is.LessThan(freq));
                Assert.That(low, Is.LessThan(CoupledGridDraw.SpareCount(g)));
                Assert.That(CoupledGridDraw.Word(g, k, start, high, low), Is.EqualTo(word));
            }
        }
    }

    [Test]
    public void TheEscapeDrawsItsNeighbourOutsideTheWindow()
    {
        foreach ((double mean, double std) in Tables)
        {
            var g = new GridGaussian(mean, std);
            long k = CoupledGridDraw.Draw(g, CoupledGridDraw.WordMask);
            Assert.That(g.InWindow(k), Is.False);
            Assert.That(k >> g.FineBits, Is.EqualTo(g.EscapeNeighbour));
            Assert.That(k, Is.InRange(-GridGaussian.GridLimit, GridGaussian.GridLimit - 1));
            Assert.That(CoupledGridDraw.Log2Probability(g, k), Is.EqualTo(-GridGaussian.Precision - g.FineBits));
        }
    }

    [Test]
    public void ProbabilitiesSumToOneOverTheWindowAndTheEscape()
    {
        // The window's indices and the escape neighbour (each with 2^f low-bit values) carry all of a word's probability.
        foreach ((double mean, double std) in Tables)
        {
            var g = new GridGaussian(mean, std);
            double total = 0;
            for (int j = 0; j < g.WindowBins; j++)
                total += Math.Pow(2, CoupledGridDraw.Log2Probability(g, g.Index(g.WindowLow + j, 0)) + g.FineBits);
            total += Math.Pow(2, CoupledGridDraw.Log2Probability(g, g.Index(g.EscapeNeighbour, 0)) + g.FineBits);
            Assert.That(total, Is.EqualTo(1).Within(1e-9), $"N({mean}, {std})");
        }
    }

    [Test]
    public void IndicesNoWordDrawsAreRefused()
    {
        var g = new GridGaussian(0, 2);
        long other = g.EscapeNeighbour + 5;
        Assert.That(g.InWindow(other), Is.False);
        Assert.That(CoupledGridDraw.TryInterval(g, other, out _, out _), Is.False);
        Assert.That(CoupledGridDraw.Log2Probability(g, other), Is.EqualTo(double.NegativeInfinity));
        Assert.That(CoupledGridDraw.TryInterval(g, (long)GridGaussian.GridLimit + 7, out _, out _), Is.False);
    }

    [Test]
    public void ShiftsAreFixedAndZeroForTheFirstParticle()
    {
        Assert.That(CoupledGridDraw.Shift(0, 5), Is.Zero);
        Assert.That(CoupledGridDraw.Shift(3, 5), Is.EqualTo(CoupledGridDraw.Shift(3, 5)));
        Assert.That(CoupledGridDraw.Shift(3, 5), Is.Not.EqualTo(CoupledGridDraw.Shift(3, 6)));
        Assert.That(CoupledGridDraw.Shift(3, 5), Is.Not.EqualTo(CoupledGridDraw.Shift(4, 5)));
        for (int k = 1; k < 100; k++) Assert.That(CoupledGridDraw.Shift(k, k * 7), Is.LessThanOrEqualTo(CoupledGridDraw.WordMask));
        // Pinned: the shifts are part of the message format.
        Assert.That(CoupledGridDraw.Shift(1, 0), Is.EqualTo(PinnedShift));
    }

    private const ulong PinnedShift = 2313435611448UL;
}

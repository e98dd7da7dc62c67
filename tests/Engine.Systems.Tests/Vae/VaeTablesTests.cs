// The shared VAE tables: the log2 lookup equals FixedLog2, the CIS scramble is a permutation with its inverse
// and actually moves neighbouring values apart, and the bucket centres are the grid's quantile midpoints.
using Engine.Ans.Quantization;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vae;

public class VaeTablesTests
{
    [Test]
    public void Log2TableMatchesFixedLog2()
    {
        foreach (uint f in new uint[] { 1, 2, 3, 255, 4096, 40000, 65535, 65536 })
            Assert.That(VaeTables.Log2Ratio16[f], Is.EqualTo(FixedLog2.OfRatio(f, 16)), $"f = {f}");
    }

    [Test]
    public void ScrambleIsAPermutationWithItsInverse()
    {
        ushort[] s = VaeTables.UniformScramble, inv = VaeTables.UniformUnscramble;
        Assert.That(s.Length, Is.EqualTo(1 << VaeCodec.ProposalPrecision));
        Assert.That(s.Distinct().Count(), Is.EqualTo(s.Length));
        for (int i = 0; i < s.Length; i++) Assert.That(inv[s[i]], Is.EqualTo((ushort)i));
        // Neighbouring cfs (e.g. latent byte pairs differing in the last byte) land far apart on average.
        double meanJump = Enumerable.Range(0, 1000).Average(i => Math.Abs(s[i + 1] - s[i]));
        Assert.That(meanJump, Is.GreaterThan(10000));
    }

    [Test]
    public void CentresAreTheGridMidpoints()
    {
        Assert.That(VaeTables.Centres.Length, Is.EqualTo(256));
        for (int i = 0; i < 256; i++) Assert.That(VaeTables.Centres[i], Is.EqualTo((float)VaeTables.Grid.Centres[i]));
        Assert.That(VaeTables.Centres[127], Is.EqualTo(-VaeTables.Centres[128]));
    }
}

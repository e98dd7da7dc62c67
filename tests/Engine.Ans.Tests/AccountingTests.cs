// Accounting: total = 32 |tail| + log2 head, initial = log2 initial head + 32 words drawn, net = total -
// initial. For pushes only, net must equal the ideal information sum_i -log2(freq_i / 2^prec) up to
// rANS rounding. Each push moves log2 head by log2(M / freq) plus a rounding term: both the exact
// x M / freq and the coded head are >= 2^32 and differ by less than M = 2^prec, so one push deviates by
// at most log2(1 + 2^(prec - 32)) bits (the "bounded head term"). Low precisions must also meet
// 1e-9 relative outright.
using Engine.Ans;

namespace Engine.Ans.Tests;

public class AccountingTests
{
    [Test]
    public void NetBitsEqualIdealInformationWithinTheRoundingBound([Values(1, 4, 8, 12, 16, 20, 24, 28, 31, 32)] int precision)
    {
        var rng = new Random(precision * 31);
        const int lanes = 256, steps = 400;
        var coder = new RansLanes(lanes, 12345);
        var s = new uint[lanes];
        var f = new uint[lanes];
        double ideal = 0, bound = 0;
        double perPush = Math.Log2(1 + Math.Pow(2, precision - 32));
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < lanes; i++)
            {
                (s[i], f[i]) = RansLanesPropertyTests.RandomIntervalSkewed(rng, precision);
                ideal += precision - Math.Log2(f[i]);
                bound += perPush;
            }
            coder.Push(s, f, precision);
        }
        RansAccount all = coder.AccountAll();
        double deviation = Math.Abs(all.NetBits - ideal);
        TestContext.Out.WriteLine($"prec {precision}: ideal {ideal:F3} net {all.NetBits:F3} deviation {deviation:E2} relative {deviation / ideal:E2}");
        Assert.That(deviation, Is.LessThanOrEqualTo(1e-9 * ideal + bound));
        if (precision <= 16)
            Assert.That(deviation, Is.LessThanOrEqualTo(1e-9 * ideal));
    }

    [Test]
    public void AccountsFollowTheDefinitions()
    {
        var coder = new RansLanes(3, 8);
        var got = new int[3];
        var table = RansLanesRoundTripTests.RandomTable(new Random(1), 64, 10);
        for (int t = 0; t < 50; t++)
            coder.Pop(table, got); // draws initial words
        for (int lane = 0; lane < 3; lane++)
        {
            RansAccount a = coder.Account(lane);
            Assert.That(a.TotalBits, Is.EqualTo(32.0 * coder.TailLength(lane) + Math.Log2(coder.Heads[lane])).Within(1e-12));
            Assert.That(a.InitialBits, Is.EqualTo(Math.Log2(coder.InitialHeads[lane]) + 32.0 * coder.WordsDrawn(lane)).Within(1e-12));
            Assert.That(a.NetBits, Is.EqualTo(a.TotalBits - a.InitialBits));
            Assert.That(coder.WordsDrawn(lane), Is.GreaterThan(0));
        }
        RansAccount sum = coder.AccountAll();
        Assert.That(sum.TotalBits, Is.EqualTo(Enumerable.Range(0, 3).Sum(i => coder.Account(i).TotalBits)).Within(1e-9));
        // Pops only remove information: net is negative, about 50 symbols of entropy per lane.
        Assert.That(sum.NetBits, Is.LessThan(0));
    }

    [Test]
    public void FreshLanesHaveZeroNetBits()
    {
        var coder = new RansLanes(5, 1);
        Assert.That(coder.AccountAll().NetBits, Is.EqualTo(0.0));
        Assert.That(coder.AccountAll().InitialBits, Is.GreaterThan(5 * 32.0));
    }
}

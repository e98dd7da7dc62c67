// PushOne / CommitOne, the one-lane forms of Push / Commit that the CPU backend's few-lane path uses: the same
// heads and tails as the span forms lane for lane, pops that give back every interval, and the same errors.
using Engine.Ans;

namespace Engine.Ans.Tests;

public class RansLanesOneLaneTests
{
    [TestCase(8)]
    [TestCase(16)]
    [TestCase(32)]
    public void OneLaneCallsWriteWhatSpanCallsWrite(int precision)
    {
        var rng = new Random(precision);
        const int lanes = 3, steps = 400;
        var spans = new RansLanes(lanes, 9);
        var single = new RansLanes(lanes, 9);
        var pushed = new List<(int Lane, uint Start, uint Freq)>();
        for (int t = 0; t < steps; t++)
        {
            int lane = rng.Next(lanes);
            (uint s, uint f) = RansLanesRoundTripTests.RandomInterval(rng, precision);
            spans.Push(lane, [s], [f], precision);
            single.PushOne(lane, s, f, precision);
            pushed.Add((lane, s, f));
        }
        Assert.That(single.SnapshotHeads(), Is.EqualTo(spans.SnapshotHeads()));
        Assert.That(single.SnapshotTails(), Is.EqualTo(spans.SnapshotTails()));
        for (int t = steps - 1; t >= 0; t--)
        {
            (int lane, uint s, uint f) = pushed[t];
            spans.Commit(lane, [s], [f], precision);
            single.CommitOne(lane, s, f, precision);
        }
        Assert.That(single.AllAtInitialState(), Is.True);
        Assert.That(spans.AllAtInitialState(), Is.True);
    }

    [Test]
    public void OneLaneCallsRejectWhatSpanCallsReject()
    {
        var lanes = new RansLanes(2, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.PushOne(2, 0, 1, 8), "lane");
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.PushOne(0, 0, 1, 33), "precision");
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => lanes.PushOne(0, 0, 0, 8), "freq 0");
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => lanes.PushOne(0, 250, 7, 8), "past 2^p");
        uint cf = (uint)(lanes.SnapshotHeads()[1] & 0xFF);
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => lanes.CommitOne(1, (cf + 128) & 0xFF, 1, 8), "cf outside the interval");
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.CommitOne(-1, 0, 1, 8), "lane");
    }
}

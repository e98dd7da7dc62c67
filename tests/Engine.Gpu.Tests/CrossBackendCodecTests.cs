// CrossBackendCodecTests: the toy BB-IS and BB-CIS coders (ToyMcCodec) encode to byte-identical messages
// on the CPU backend and the other backend, and each message decodes on the OTHER backend back to the
// data with every chain at its seeded initial state (docs/architecture.md#the-integrity-check).
using Engine.Ans;

namespace Engine.Gpu.Tests;

public sealed class CrossBackendCodecTests(string backendName) : TwinFixture(backendName)
{
    [TestCase(false, 1)]
    [TestCase(false, 4)]
    [TestCase(true, 1)]
    [TestCase(true, 6)]
    public void MessagesAreIdenticalAndDecodeOnTheOtherBackend(bool coupled, int particles)
    {
        const int chains = 5, length = 6;
        var codec = new ToyMcCodec(modelSeed: 17, particles, coupled);
        int[][] data = ToyMcCodec.RandomData(23, chains, length);
        RansLanes onCpu = codec.Encode(Cpu, data, seed: 99);
        RansLanes onOther = codec.Encode(Other, data, seed: 99);
        TestData.AssertSame(onCpu, onOther);
        Assert.That(onCpu.AccountAll().TotalBits, Is.GreaterThan(0));

        RansLanes messageFromCpu = TestData.AsDecoder(onCpu);
        RansLanes messageFromOther = TestData.AsDecoder(onOther);
        Assert.That(codec.Decode(Other, messageFromCpu, length), Is.EqualTo(data), "CPU message decoded on " + Other.Name);
        Assert.That(codec.Decode(Cpu, messageFromOther, length), Is.EqualTo(data), Other.Name + " message decoded on the CPU");
        Assert.That(messageFromCpu.AllAtInitialState(), Is.True);
        Assert.That(messageFromOther.AllAtInitialState(), Is.True);
    }

    [Test]
    public void CoupledInitialBitsStayFlatWhileIndependentOnesGrow()
    {
        var data = ToyMcCodec.RandomData(29, 3, 1);
        long Drawn(bool coupled, int n)
        {
            RansLanes lanes = new ToyMcCodec(17, n, coupled).Encode(Cpu, data, seed: 5);
            return Enumerable.Range(0, lanes.Count).Sum(lanes.WordsDrawn);
        }
        Assert.That(Drawn(false, 16), Is.GreaterThan(Drawn(false, 1)), "BB-IS initial bits grow with N");
        Assert.That(Drawn(true, 16), Is.LessThanOrEqualTo(Drawn(true, 1) + 3), "BB-CIS initial bits stay flat");
    }
}

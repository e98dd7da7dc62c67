// A model with a latent order (LayeredModel: three dependent dimensions coded [0, 2, 1]) through every coder that
// applies to it: exact round trips on 1 and 64 chains, the same message from both backends, and the rules of the
// order: a query reading a dimension the order does not make known is refused, and a shape's order must be a
// permutation. (Handing the proposal the dimensions in 0..L-1 instead of the model's order makes every case fail:
// the model's own reads throw.)
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

[NonParallelizable]
public class LatentOrderTests
{
    [TestCaseSource(typeof(TwinRoundTrip), nameof(TwinRoundTrip.SequenceCases))]
    public void OrderedModelRoundTripsOnBothBackends(CoderKind kind, int n, ResamplingMode resampling, int chains)
    {
        var model = new LayeredModel(4);
        byte[] data = model.Sample(chains == 1 ? 10 : 96, 5);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Resampling = resampling, Seed = 3 };
        using IRansBackend ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);
        TwinRoundTrip.Check(model, data, options, ilgpu);
    }

    [TestCase(CoderKind.BbIs)]
    [TestCase(CoderKind.BbCsmc)]
    public void AQueryReadingADimensionTheOrderHidesIsRefused(CoderKind kind)
    {
        var model = new LayeredModel(3, readsTooMuch: true);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            McBitsCodec.Encode(model.Sample(4, 1), model, new CoderOptions { Kind = kind, Particles = 4 }));
        Assert.That(ex!.Message, Does.Contain("dimension 1 is not known"));
    }

    [Test]
    public void AnOrderMustBeAPermutationOfTheDimensions()
    {
        var shape = new ModelShape(2, 1, 2, 3, 4, 8, false);
        Assert.Throws<ArgumentException>(() => _ = shape with { LatentOrder = [0, 1] });
        Assert.Throws<ArgumentException>(() => _ = shape with { LatentOrder = [0, 1, 1] });
        Assert.Throws<ArgumentException>(() => _ = shape with { LatentOrder = [0, 3, 1] });
        Assert.That((shape with { LatentOrder = [2, 0, 1] }).LatentOrder, Is.EqualTo(new[] { 2, 0, 1 }));
    }

    [Test]
    public void LatentQueryShowsOnlyTheKnownDimensions()
    {
        int[] latents = [1, 2, 3];
        var query = new LatentQuery(0, 1, 0, 1, default, default, new LaneColumns(latents, 1), default, default, [true, false, false]);
        Assert.That(query.IsKnown(0), Is.True);
        Assert.That(query.IsKnown(2), Is.False);
        Assert.That(query.Latent(0)[0], Is.EqualTo(1));
        try
        {
            _ = query.Latent(2);
            Assert.Fail("dimension 2 is not known to this query");
        }
        catch (InvalidOperationException)
        {
        }
    }
}

// A user's own models through the public contract only: a DiscreteModel built in the test (proposal reading
// the previous latent), a user mixture for the annealed coders, and a class implementing ILatentModel
// directly with two latent dimensions and three symbols per step. Every coder that applies round-trips on
// 1 and 64 chains, on the cpu backend and on the ILGPU twin, whose messages equal the cpu ones in every
// field but the backend's name; a model with other tables is refused.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;
using Engine.Modeling.Discrete;

namespace Engine.Systems.Tests.UserModels;

[NonParallelizable]
public class UserModelRoundTripTests
{
    private IRansBackend? _ilgpu;

    [OneTimeSetUp]
    public void CreateBackend() => _ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);

    [OneTimeTearDown]
    public void DisposeBackend() => _ilgpu?.Dispose();

    private static IEnumerable<TestCaseData> HmmCases() =>
        from c in TwinRoundTrip.SequenceCoders
        from chains in new[] { 1, 64 }
        from input in new[] { ProposalInput.PreviousAndObservation, ProposalInput.Previous }
        select new TestCaseData(c.Kind, c.N, c.Resampling, chains, input);

    [TestCaseSource(nameof(HmmCases))]
    public void UserHmmRoundTripsOnBothBackends(CoderKind kind, int n, ResamplingMode resampling, int chains, ProposalInput input)
    {
        DiscreteModel model = WeatherHmm.Build(input);
        byte[] data = model.Sample(chains == 1 ? 20 : 130, 7);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Resampling = resampling, Seed = 5 };
        AssertTwinRoundTrip(model, data, options);
    }

    [TestCase(CoderKind.BbAis, 1)]
    [TestCase(CoderKind.BbAis, 64)]
    [TestCase(CoderKind.BbAisBitSwap, 1)]
    [TestCase(CoderKind.BbAisBitSwap, 64)]
    [TestCase(CoderKind.BbCis, 64)]
    [TestCase(CoderKind.BbIs, 64)]
    public void UserMixtureRoundTripsWithEveryOneStepCoder(CoderKind kind, int chains)
    {
        // Twelve latent clusters over 40 symbols: cluster c emits around symbol 3c; q(z | x) from the emission columns.
        const int k = 12, v = 40;
        var emission = new double[k * v];
        for (int z = 0; z < k; z++)
            for (int x = 0; x < v; x++) emission[z * v + x] = Math.Exp(-0.5 * Math.Pow((x - 3 * z) / 2.0, 2)) + 1e-3;
        var proposal = new double[v * k];
        for (int x = 0; x < v; x++)
            for (int z = 0; z < k; z++) proposal[x * k + z] = emission[z * v + x];
        var model = new DiscreteModel("clusters", 1, QuantizedRows.FromWeights(Enumerable.Range(1, k).Select(i => (double)i).ToArray(), 1, k, 16), null,
            QuantizedRows.FromWeights(emission, k, v, 16), QuantizedRows.FromWeights(proposal, v, k, 12));
        byte[] data = model.Sample(300, 3);
        var options = new CoderOptions { Kind = kind, Particles = 6, Chains = chains, Seed = 9 };
        AssertTwinRoundTrip(model, data, options);
    }

    [TestCaseSource(typeof(TwinRoundTrip), nameof(TwinRoundTrip.SequenceCases))]
    public void ModelWithSeveralLatentDimensionsAndSymbolsRoundTrips(CoderKind kind, int n, ResamplingMode resampling, int chains)
    {
        var model = new PairedSensorModel(steps: 5);
        byte[] data = model.Sample(chains == 1 ? 15 : 100, 4);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Resampling = resampling, Seed = 2 };
        AssertTwinRoundTrip(model, data, options);
    }

    [Test]
    public void AnnealedCodersRefuseSeveralLatentDimensions()
    {
        var model = new PairedSensorModel(steps: 1);
        Assert.That(() => McBitsCodec.Encode(model.Sample(2, 1), model, new CoderOptions { Kind = CoderKind.BbAis, Particles = 4 }),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("2 latent dimensions"));
    }

    [Test]
    public void AMessageNeedsTheModelThatWroteIt()
    {
        DiscreteModel model = WeatherHmm.Build();
        DiscreteModel other = WeatherHmm.Build(ProposalInput.Previous);
        Assert.That(other.Fingerprint, Is.Not.EqualTo(model.Fingerprint));
        McbMessage m = McBitsCodec.Encode(model.Sample(10, 1), model, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 4 }).Message;
        Assert.That(() => McBitsCodec.Decode(m, other),
            Throws.TypeOf<McbFormatException>().With.Property(nameof(McbFormatException.Kind)).EqualTo(McbErrorKind.ModelMismatch));
    }

    [Test]
    public void BoundsOfTheUserModelFrameTheCoders()
    {
        DiscreteModel model = WeatherHmm.Build();
        byte[] data = model.Sample(400, 11);
        double nll = model.MeanIdealBits(data);
        double elbo = 0;
        for (int u = 0; u < 400; u++) elbo += model.NegativeElbo(data.AsSpan(u * WeatherHmm.Steps, WeatherHmm.Steps));
        elbo /= 400;
        Assert.That(elbo, Is.GreaterThanOrEqualTo(nll - 1e-9), "-ELBO bounds -log p(x) from above");
        double smc = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 16 }).NetBitsPerUnit;
        double basic = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbElbo }).NetBitsPerUnit;
        // Net rates: BB-ELBO near its own bound, BB-SMC(16) closer to -log p(x) (a few tenths of a bit of slack each).
        Assert.That(basic, Is.EqualTo(elbo).Within(0.5));
        Assert.That(smc, Is.LessThan(basic));
        Assert.That(smc, Is.EqualTo(nll).Within(0.5));
    }

    private void AssertTwinRoundTrip(ILatentModel model, byte[] data, CoderOptions options) => TwinRoundTrip.Check(model, data, options, _ilgpu!);
}

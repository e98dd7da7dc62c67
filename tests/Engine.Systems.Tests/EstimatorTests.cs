// EncodeResult.EstimatorBitsPerUnit: the coder's own −log2 p̂ from the weights it computed. With every unit alone on its
// chain it is a Monte Carlo estimate of the coder's target: for BB-ELBO the model's exact −ELBO (within its standard
// errors), for BB-IS(N) and BB-SMC(N) between −log2 p(x) and −ELBO and falling with N; AIS reports none.
namespace Engine.Systems.Tests;

public class EstimatorTests
{
    [Test]
    public void OnCleanBitsTheEstimatorMeetsTheModelsBounds()
    {
        var model = TestModels.Mixture;
        byte[] data = model.Sample(1500, 4);
        double negElbo = Enumerable.Range(0, data.Length).Average(u => model.NegativeElbo(data.AsSpan(u, 1)));
        double ideal = model.MeanIdealBits(data);
        EncodeResult elbo = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbElbo, Chains = data.Length });
        Assert.That(elbo.EstimatorBitsPerUnit, Is.EqualTo(negElbo).Within(4 * elbo.EstimatorStandardError), "an unbiased -ELBO sample");
        double previous = double.MaxValue;
        foreach (int n in new[] { 4, 32 })
        {
            EncodeResult r = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbIs, Particles = n, Chains = data.Length });
            Assert.That(r.EstimatorBitsPerUnit, Is.InRange(ideal - 4 * r.EstimatorStandardError, negElbo), $"-IWAE({n})");
            Assert.That(r.EstimatorBitsPerUnit, Is.LessThan(previous));
            previous = r.EstimatorBitsPerUnit;
        }
        Assert.That(McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbAis, Particles = 4 }).EstimatorBitsPerUnit, Is.NaN);
    }

    [Test]
    public void TheSmcEstimatorSumsItsWeightSegments()
    {
        var model = TestModels.Hmm;
        byte[] data = model.Sample(400, 2);
        int t = model.SequenceLength;
        double negElbo = Enumerable.Range(0, 400).Average(u => model.NegativeElbo(data.AsSpan(u * t, t))), ideal = model.MeanIdealBits(data);
        foreach (ResamplingMode mode in new[] { ResamplingMode.Always, ResamplingMode.Adaptive, ResamplingMode.Never })
        {
            EncodeResult r = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 32, Chains = 400, Resampling = mode });
            Assert.That(r.EstimatorBitsPerUnit, Is.InRange(ideal - 4 * r.EstimatorStandardError, negElbo), mode.ToString());
        }
    }
}

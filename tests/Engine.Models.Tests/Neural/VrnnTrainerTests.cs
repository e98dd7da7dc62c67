// VRNN training on tiny synthetic sequences (6x6 binary images read row by row): each objective lowers its loss and the
// held-out bounds, the same seed gives the same fingerprint and another seed another, and bad data or options are refused.
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;

namespace Engine.Models.Tests.Neural;

public class VrnnTrainerTests
{
    private static VrnnShape Tiny => VrnnObjectiveTests.Tiny;

    [TestCase(VrnnObjectiveKind.Elbo)]
    [TestCase(VrnnObjectiveKind.Iwae)]
    [TestCase(VrnnObjectiveKind.Fivo)]
    public void EachObjectiveLowersItsLossAndTheHeldOutBounds(VrnnObjectiveKind kind)
    {
        var train = SyntheticBinary.Make(400, 6, seed: 3);
        var test = SyntheticBinary.Make(60, 6, seed: 3);
        using var network = new VrnnNetwork(Tiny, seed: 2);
        VrnnScore before = VrnnEvaluator.Evaluate(network, test, particles: 4);
        var options = new VrnnTrainingOptions { Objective = kind, Particles = 4, Epochs = 4, BatchSize = 20, LearningRate = 1e-2, Seed = 2 };
        int reports = 0;
        VrnnTrainingResult result = VrnnTrainer.Train(network, train, options, _ => reports++);
        VrnnScore after = VrnnEvaluator.Evaluate(network, test, particles: 4);
        Assert.That(reports, Is.EqualTo(4 * 20));
        Assert.That(result.SkippedSteps, Is.Zero);
        Assert.That(result.EpochLosses, Has.Count.EqualTo(4));
        Assert.That(result.EpochLosses[^1], Is.LessThan(result.EpochLosses[0] * 0.9), string.Join(", ", result.EpochLosses));
        Assert.That(after.Sequences, Is.EqualTo(60));
        foreach (var (b, a) in new[] { (before.NegElboBitsPerDim, after.NegElboBitsPerDim), (before.NegIwaeBitsPerDim, after.NegIwaeBitsPerDim),
            (before.NegFivoBitsPerDim, after.NegFivoBitsPerDim) })
            Assert.That(a, Is.LessThan(b * 0.9), $"{before} -> {after}");
        Assert.That(after.NegIwaeBitsPerDim, Is.LessThanOrEqualTo(after.NegElboBitsPerDim), "same draws: IWAE(N) >= ELBO");
    }

    [Test]
    public void SameSeedSameFingerprintOtherSeedOther()
    {
        var data = SyntheticBinary.Make(60, 6);
        string Run(long seed)
        {
            using var network = new VrnnNetwork(Tiny, seed);
            VrnnTrainer.Train(network, data, new VrnnTrainingOptions { Objective = VrnnObjectiveKind.Fivo, Particles = 3, Epochs = 2, BatchSize = 20, Seed = seed });
            return ModelFingerprint.Compute(network);
        }
        string a = Run(7), b = Run(7), c = Run(8);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [Test]
    public void RejectsMismatchedDataAndBadOptions()
    {
        using var network = new VrnnNetwork(Tiny, 1);
        Assert.Throws<ArgumentException>(() => VrnnTrainer.Train(network, SyntheticBinary.Make(10, 5), new VrnnTrainingOptions { Epochs = 1 }));
        Assert.Throws<ArgumentException>(() => VrnnTrainer.Train(network, SyntheticBinary.Make(10, 6).Take(0), new VrnnTrainingOptions { Epochs = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrnnTrainer.Train(network, SyntheticBinary.Make(10, 6), new VrnnTrainingOptions { Particles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrnnTrainer.Train(network, SyntheticBinary.Make(10, 6), new VrnnTrainingOptions { Objective = (VrnnObjectiveKind)7 }));
        Assert.Throws<ArgumentException>(() => VrnnEvaluator.Evaluate(network, SyntheticBinary.Make(10, 5)));
    }

    [Test]
    public void CancellationStopsBetweenSteps()
    {
        using var network = new VrnnNetwork(Tiny, 1);
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => VrnnTrainer.Train(network, SyntheticBinary.Make(40, 6), new VrnnTrainingOptions { Epochs = 3, BatchSize = 10 },
            p => { if (p.Step == 2) cancel.Cancel(); }, cancel.Token));
    }
}

// Training: the loss goes down on tiny synthetic data, and the same seed gives the same model.
using Engine.Models.Neural;

namespace Engine.Models.Tests.Neural;

public class VaeTrainerTests
{
    private static readonly VaeShape Tiny = new(16, 16, 2);

    [Test]
    public void LossDecreasesAndHeldOutBoundImproves()
    {
        var train = SyntheticBinary.Make(400, 4, seed: 3);
        var test = SyntheticBinary.Make(100, 4, seed: 3).Take(100);
        using var vae = new BinaryVae(Tiny, seed: 2);
        var before = VaeEvaluator.Evaluate(vae, test, k: 10);
        var options = new VaeTrainingOptions { K = 5, Epochs = 6, BatchSize = 20, LearningRate = 3e-3, Seed = 2 };
        int reports = 0;
        var result = VaeTrainer.Train(vae, train, options, _ => reports++);
        var after = VaeEvaluator.Evaluate(vae, test, k: 10);
        Assert.That(reports, Is.EqualTo(6 * 20));
        Assert.That(result.EpochLosses, Has.Count.EqualTo(6));
        Assert.That(result.EpochLosses[^1], Is.LessThan(result.EpochLosses[0] * 0.8));
        Assert.That(after.NegIwaeBitsPerDim, Is.LessThan(before.NegIwaeBitsPerDim * 0.8));
    }

    [Test]
    public void SameSeedSameFingerprintOtherSeedOther()
    {
        var data = SyntheticBinary.Make(100, 4);
        string Run(long seed)
        {
            using var vae = new BinaryVae(Tiny, seed);
            VaeTrainer.Train(vae, data, new VaeTrainingOptions { K = 2, Epochs = 2, BatchSize = 25, Seed = seed });
            return ModelFingerprint.Compute(vae);
        }
        string a = Run(7), b = Run(7), c = Run(8);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a, Has.Length.EqualTo(64));
    }

    [Test]
    public void ShuffleIsAPermutationFixedBySeedAndEpoch()
    {
        int[] a = VaeTrainer.Shuffle(50, 1, 1), b = VaeTrainer.Shuffle(50, 1, 1), c = VaeTrainer.Shuffle(50, 1, 2);
        Assert.That(a.Order(), Is.EqualTo(Enumerable.Range(0, 50)));
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [Test]
    public void RejectsMismatchedDataAndBadOptions()
    {
        using var vae = new BinaryVae(Tiny, 1);
        Assert.Throws<ArgumentException>(() => VaeTrainer.Train(vae, SyntheticBinary.Make(10, 3), new VaeTrainingOptions { Epochs = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeTrainer.Train(vae, SyntheticBinary.Make(10, 4), new VaeTrainingOptions { K = 0 }));
    }
}

// The whole `mcbits train vrnn` pipeline on tiny generated IDX files (6x6 images: 6 steps of 6 symbols): class split,
// binarisation, training, in/out-of-distribution bounds and a checkpoint that loads with its fingerprint, reproducibly.
using Engine.Models.Data;
using Engine.Models.Neural.Vrnn;
using Engine.Models.Tests.Data;

namespace Engine.Models.Tests.Neural;

public class VrnnTrainingRunTests
{
    [TestCase(BinarizationMode.Threshold, VrnnObjectiveKind.Fivo)]
    [TestCase(BinarizationMode.Dynamic, VrnnObjectiveKind.Elbo)]
    public void RunsScoresAndSavesALoadableCheckpoint(BinarizationMode mode, VrnnObjectiveKind objective)
    {
        using var idx = new TinyIdx(trainCount: 120, testCount: 40, side: 6);
        string path = Path.Combine(idx.Directory, "out", "m.ckpt");
        var spec = new VrnnRunSpec
        {
            DataDirectory = idx.Directory,
            Classes = ClassSet.Lower,
            Binarization = mode,
            Shape = VrnnObjectiveTests.Tiny,
            Training = new VrnnTrainingOptions { Objective = objective, Particles = 3, Epochs = 2, BatchSize = 16, Seed = 4 },
            EvalParticles = 5,
            OutputPath = path,
        };
        VrnnCheckpointHeader header = VrnnTrainingRun.Run(spec);
        Assert.That(header.Classes, Is.EqualTo("0-4"));
        Assert.That(header.Binarization, Is.EqualTo(mode));
        Assert.That(header.Training, Is.EqualTo(spec.Training));
        Assert.That(header.TestScore!.Sequences, Is.EqualTo(20));          // labels i % 10: half the test set
        Assert.That(header.OtherClassesScore!.Sequences, Is.EqualTo(20));
        Assert.That(header.TestScore.Particles, Is.EqualTo(5));
        Assert.That(header.TestScore.NegIwaeBitsPerDim, Is.LessThanOrEqualTo(header.TestScore.NegElboBitsPerDim));
        Assert.That(double.IsFinite(header.TestScore.NegFivoBitsPerDim) && double.IsFinite(header.FinalTrainLoss), Is.True);
        var (network, read) = VrnnCheckpoint.Load(path);
        using (network)
        {
            Assert.That(read.Fingerprint, Is.EqualTo(header.Fingerprint));
            Assert.That(read.OtherClassesScore, Is.EqualTo(header.OtherClassesScore));
        }

        // Same spec again: same model, bit for bit.
        string again = Path.Combine(idx.Directory, "again.ckpt");
        Assert.That(VrnnTrainingRun.Run(spec with { OutputPath = again }).Fingerprint, Is.EqualTo(header.Fingerprint));
    }

    [Test]
    public void AllClassesHaveNoOutOfDistributionScoreAndLimitsApply()
    {
        using var idx = new TinyIdx(trainCount: 60, testCount: 30, side: 6);
        var header = VrnnTrainingRun.Run(new VrnnRunSpec
        {
            DataDirectory = idx.Directory, Classes = ClassSet.All, Shape = VrnnObjectiveTests.Tiny,
            Training = new VrnnTrainingOptions { Particles = 1, Epochs = 1, BatchSize = 10 }, EvalParticles = 2, EvalLimit = 7, TrainLimit = 25,
            OutputPath = Path.Combine(idx.Directory, "a.ckpt"),
        });
        Assert.That(header.OtherClassesScore, Is.Null);
        Assert.That(header.TestScore!.Sequences, Is.EqualTo(7));
    }

    [Test]
    public void MissingDataAndWrongShapeAreClearErrors()
    {
        string none = Path.Combine(Path.GetTempPath(), "mcbits-none-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<DatasetMissingException>(() => VrnnTrainingRun.Run(new VrnnRunSpec { DataDirectory = none, OutputPath = "x" }));
        using var idx = new TinyIdx(trainCount: 20, testCount: 10, side: 4);
        Assert.Throws<ArgumentException>(() => VrnnTrainingRun.Run(new VrnnRunSpec { DataDirectory = idx.Directory, OutputPath = "x" }));
    }
}

// The whole `mcbits train vae` pipeline on tiny generated IDX files: class split, binarisation,
// training, in/out-of-distribution scores and a checkpoint that loads with its fingerprint.
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Tests.Data;

namespace Engine.Models.Tests.Neural;

public class VaeTrainingRunTests
{
    [TestCase(BinarizationMode.Threshold)]
    [TestCase(BinarizationMode.Dynamic)]
    public void RunsScoresAndSavesALoadableCheckpoint(BinarizationMode mode)
    {
        using var idx = new TinyIdx(trainCount: 120, testCount: 40, side: 5);
        string path = Path.Combine(idx.Directory, "out", "m.ckpt");
        var spec = new VaeRunSpec
        {
            DataDirectory = idx.Directory,
            Classes = ClassSet.Lower,
            Binarization = mode,
            Shape = new VaeShape(25, 8, 2),
            Training = new VaeTrainingOptions { K = 3, Epochs = 2, BatchSize = 16, Seed = 4 },
            EvalK = 10,
            OutputPath = path,
        };
        VaeCheckpointHeader header = VaeTrainingRun.Run(spec);
        Assert.That(header.Classes, Is.EqualTo("0-4"));
        Assert.That(header.Binarization, Is.EqualTo(mode));
        Assert.That(header.TestScore!.Images, Is.EqualTo(20));          // labels i % 10: half the test set
        Assert.That(header.OtherClassesScore!.Images, Is.EqualTo(20));
        Assert.That(header.TestScore.NegIwaeBitsPerDim, Is.LessThanOrEqualTo(header.TestScore.NegElboBitsPerDim));
        Assert.That(header.Training, Is.EqualTo(spec.Training));
        using var model = VaeModel.Load(path);
        Assert.That(model.Fingerprint, Is.EqualTo(header.Fingerprint));
        Assert.That(model.Header.OtherClassesScore, Is.EqualTo(header.OtherClassesScore));

        // Same spec again: same model, bit for bit.
        string again = Path.Combine(idx.Directory, "again.ckpt");
        Assert.That(VaeTrainingRun.Run(spec with { OutputPath = again }).Fingerprint, Is.EqualTo(header.Fingerprint));
    }

    [Test]
    public void AllClassesHaveNoOutOfDistributionScoreAndLimitsApply()
    {
        using var idx = new TinyIdx(trainCount: 60, testCount: 30, side: 4);
        var header = VaeTrainingRun.Run(new VaeRunSpec
        {
            DataDirectory = idx.Directory, Classes = ClassSet.All, Shape = new VaeShape(16, 4, 2),
            Training = new VaeTrainingOptions { K = 1, Epochs = 1, BatchSize = 10 }, EvalK = 2, EvalLimit = 7, TrainLimit = 25,
            OutputPath = Path.Combine(idx.Directory, "a.ckpt"),
        });
        Assert.That(header.OtherClassesScore, Is.Null);
        Assert.That(header.TestScore!.Images, Is.EqualTo(7));
    }

    [Test]
    public void MissingDataAndWrongShapeAreClearErrors()
    {
        string none = Path.Combine(Path.GetTempPath(), "mcbits-none-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<DatasetMissingException>(() => VaeTrainingRun.Run(new VaeRunSpec { DataDirectory = none, OutputPath = "x" }));
        using var idx = new TinyIdx(trainCount: 20, testCount: 10, side: 4);
        Assert.Throws<ArgumentException>(() => VaeTrainingRun.Run(new VaeRunSpec { DataDirectory = idx.Directory, OutputPath = "x" }));
    }
}

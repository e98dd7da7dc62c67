// Fashion-MNIST loading from a directory of tiny IDX files, the missing-data message, class splits.
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

public class FashionMnistTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void LoadsBothSplitsFromADirectory(bool gzip)
    {
        using var idx = new TinyIdx(trainCount: 30, testCount: 12, side: 5, gzip: gzip);
        var data = FashionMnist.Load(idx.Directory);
        Assert.That(data.Train.Count, Is.EqualTo(30));
        Assert.That(data.Test.Count, Is.EqualTo(12));
        Assert.That(data.Test.Rows, Is.EqualTo(5));
        Assert.That(data.Test.Labels[11], Is.EqualTo(1));
        Assert.That(data.Train.SourceIndices, Is.EqualTo(Enumerable.Range(0, 30)));
    }

    [Test]
    public void MissingDataSaysHowToInstall()
    {
        string empty = Path.Combine(Path.GetTempPath(), "mcbits-none-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DatasetMissingException>(() => FashionMnist.Load(empty))!;
        Assert.That(e.Message, Does.Contain("sudo apt-get install dataset-fashion-mnist"));
        Assert.That(e.Message, Does.Contain(Path.Combine(empty, "train-images-idx3-ubyte.gz")));
    }

    [Test]
    public void LabelCountMismatchIsTyped()
    {
        using var idx = new TinyIdx(trainCount: 10, testCount: 10, side: 4);
        IdxReader.Write(Path.Combine(idx.Directory, "t10k-labels-idx1-ubyte.gz"), new IdxArray([9], new byte[9]), gzip: true);
        Assert.Throws<IdxFormatException>(() => FashionMnist.Load(idx.Directory));
    }

    [Test]
    public void LabelOutsideTheTenClassesIsTyped()
    {
        using var idx = new TinyIdx(trainCount: 10, testCount: 10, side: 4);
        var labels = new byte[10];
        labels[3] = 10;
        IdxReader.Write(Path.Combine(idx.Directory, "t10k-labels-idx1-ubyte.gz"), new IdxArray([10], labels), gzip: true);
        Assert.Throws<IdxFormatException>(() => FashionMnist.Load(idx.Directory));
    }

    [Test]
    public void ClassSplitKeepsOrderAndSourceIndices()
    {
        using var idx = new TinyIdx(trainCount: 25, testCount: 10, side: 3);
        var train = FashionMnist.Load(idx.Directory).Train;
        var upper = train.WhereClasses(ClassSet.Parse("5-9"));
        var lower = train.WhereClasses(ClassSet.Parse("5-9").Complement);
        Assert.That(upper.Count + lower.Count, Is.EqualTo(25));
        Assert.That(upper.Labels.All(l => l >= 5), Is.True);
        Assert.That(lower.Labels.All(l => l <= 4), Is.True);
        Assert.That(upper.SourceIndices, Is.EqualTo(new[] { 5, 6, 7, 8, 9, 15, 16, 17, 18, 19 }));
        Assert.That(upper.Image(0).ToArray(), Is.EqualTo(train.Image(5).ToArray()));
    }
}

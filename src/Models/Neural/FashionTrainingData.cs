// FashionTrainingData: the data side every Fashion-MNIST training run shares (VaeTrainingRun, VrnnTrainingRun): the training
// images of the chosen classes (at most a limit), binarised once by threshold or afresh each epoch (dynamic, seeded by the run's
// seed and the epoch), and the held-out images of a class set binarised with the seed the checkpoint records, so compression
// later prepares new images exactly as the scores were measured.
using Engine.Models.Data;

namespace Engine.Models.Neural;

internal sealed class FashionTrainingData
{
    private readonly FashionMnist _data;
    private readonly BinarizationMode _binarization;
    private readonly ulong _seed;
    private readonly BinaryImages? _fixed;

    /// <summary>Loads the data set and selects the training images.</summary>
    /// <exception cref="ArgumentException">No training image has a class in <paramref name="classes"/>.</exception>
    public FashionTrainingData(string? directory, ClassSet classes, int? trainLimit, BinarizationMode binarization, long seed)
    {
        _data = FashionMnist.Load(directory);
        ImageSet train = _data.Train.WhereClasses(classes);
        if (trainLimit is int limit) train = train.Take(limit);
        if (train.Count == 0) throw new ArgumentException($"No training image has a class in {classes}.", nameof(classes));
        Train = train;
        _binarization = binarization;
        _seed = unchecked((ulong)seed);
        TestSeed = SplitMix64.Derive(_seed, -1);
        _fixed = binarization == BinarizationMode.Threshold ? Binarizer.Threshold(train) : null;
    }

    /// <summary>The grey training images.</summary>
    public ImageSet Train { get; }

    /// <summary>The seed held-out images are binarised with (recorded in the checkpoint).</summary>
    public ulong TestSeed { get; }

    /// <summary>The training images of <paramref name="epoch"/> (from 1), binarised.</summary>
    public BinaryImages Epoch(int epoch) => _fixed ?? Binarizer.Dynamic(Train, SplitMix64.Derive(_seed, epoch));

    /// <summary><paramref name="score"/> of the test images of <paramref name="classes"/> (at most <paramref name="limit"/>), binarised with
    /// <see cref="TestSeed"/>; null when the set is empty.</summary>
    public T? Score<T>(ClassSet classes, int? limit, Func<BinaryImages, T> score) where T : class
    {
        if (classes.IsEmpty) return null;
        ImageSet test = _data.Test.WhereClasses(classes);
        if (limit is int l) test = test.Take(l);
        return test.Count == 0 ? null : score(Binarizer.Apply(test, _binarization, TestSeed));
    }
}

// Fashion-MNIST (Xiao et al. 2017): 60 000 training and 10 000 test images, 28x28 grey, 10 classes,
// read from the four IDX files of the Debian package dataset-fashion-mnist
// (/usr/share/datasets/fashion-mnist/*.gz). A directory override comes from the caller or from the
// MCBITS_FASHION_MNIST environment variable; each file may be gzip-compressed (".gz") or plain.
namespace Engine.Models.Data;

/// <summary>The Fashion-MNIST train and test sets, read from IDX files.</summary>
public sealed class FashionMnist
{
    /// <summary>Where the Debian package dataset-fashion-mnist installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable that overrides <see cref="DefaultDirectory"/>.</summary>
    public const string DirectoryVariable = "MCBITS_FASHION_MNIST";

    /// <summary>The command that installs the data set on Debian.</summary>
    public const string InstallHint = "sudo apt-get install dataset-fashion-mnist";

    /// <summary>Side length of every image.</summary>
    public const int Side = 28;

    /// <summary>Human-readable class names, by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private FashionMnist(string directory, ImageSet train, ImageSet test)
    {
        Directory = directory;
        Train = train;
        Test = test;
    }

    /// <summary>The directory the files were read from.</summary>
    public string Directory { get; }

    /// <summary>The 60 000 training images.</summary>
    public ImageSet Train { get; }

    /// <summary>The 10 000 test images.</summary>
    public ImageSet Test { get; }

    /// <summary>The directory used when none is given: $MCBITS_FASHION_MNIST, else the Debian location.</summary>
    public static string ResolveDirectory(string? directory = null)
    {
        if (!string.IsNullOrWhiteSpace(directory)) return directory;
        string? env = Environment.GetEnvironmentVariable(DirectoryVariable);
        return string.IsNullOrWhiteSpace(env) ? DefaultDirectory : env;
    }

    /// <summary>Loads both splits from <paramref name="directory"/> (see <see cref="ResolveDirectory"/>).</summary>
    /// <exception cref="DatasetMissingException">A file is missing; the message says how to install the data.</exception>
    /// <exception cref="IdxFormatException">A file is present but malformed, or images and labels disagree.</exception>
    public static FashionMnist Load(string? directory = null)
    {
        string dir = ResolveDirectory(directory);
        return new FashionMnist(dir, LoadSplit(dir, "train"), LoadSplit(dir, "t10k"));
    }

    /// <summary>Loads one split ("train" or "t10k") from <paramref name="directory"/>.</summary>
    /// <exception cref="DatasetMissingException">A file is missing.</exception>
    /// <exception cref="IdxFormatException">A file is malformed, or images and labels disagree.</exception>
    public static ImageSet LoadSplit(string directory, string split)
    {
        string imagesPath = Locate(directory, $"{split}-images-idx3-ubyte");
        string labelsPath = Locate(directory, $"{split}-labels-idx1-ubyte");
        IdxArray images = IdxReader.Read(imagesPath, expectedRank: 3);
        IdxArray labels = IdxReader.Read(labelsPath, expectedRank: 1);
        int n = images.Dimensions[0];
        if (labels.Dimensions[0] != n)
            throw new IdxFormatException($"{labelsPath}: {labels.Dimensions[0]} labels for {n} images in {imagesPath}.");
        if (images.Dimensions[1] <= 0 || images.Dimensions[2] <= 0)
            throw new IdxFormatException($"{imagesPath}: image size {images.Dimensions[1]}x{images.Dimensions[2]} is empty.");
        int bad = labels.Data.AsSpan().IndexOfAnyInRange((byte)ClassSet.ClassCount, byte.MaxValue);
        if (bad >= 0) throw new IdxFormatException($"{labelsPath}: label {labels.Data[bad]} at {bad} is outside 0..9.");
        return new ImageSet(images.Dimensions[1], images.Dimensions[2], images.Data, labels.Data, Enumerable.Range(0, n).ToArray());
    }

    private static string Locate(string directory, string stem)
    {
        string gz = Path.Combine(directory, stem + ".gz");
        if (File.Exists(gz)) return gz;
        string plain = Path.Combine(directory, stem);
        if (File.Exists(plain)) return plain;
        throw new DatasetMissingException(
            $"Fashion-MNIST is not installed: {gz} is missing. Install it with `{InstallHint}` " +
            $"(files land in {DefaultDirectory}), or point --data / ${DirectoryVariable} at a directory " +
            "holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz.");
    }
}

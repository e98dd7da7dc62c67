// TinyFashion: a Fashion-MNIST stand-in for the VAE command tests, built once per test run. It writes the
// four IDX files `train vae --data` reads (28x28 grey images: noisy copies of one random prototype per
// class, grey levels on both sides of the 128 threshold) plus a small image file to compress, then trains
// two tiny checkpoints (784-16-16-4, three epochs on 200 images) through `mcbits train vae` itself:
// "a.ckpt" (seed 1) and "b.ckpt" (seed 2, same shape, another fingerprint). Seconds in all.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Engine.Cli.Tests.Vae;

/// <summary>Synthetic IDX data and two tiny trained VAE checkpoints in a shared directory.</summary>
internal sealed class TinyFashion
{
    /// <summary>Image side (the VAE's pixel count is fixed at 28 x 28 by `train vae`).</summary>
    public const int Side = 28;

    /// <summary>Images in the file the tests compress.</summary>
    public const int ImageCount = 12;

    private static readonly Lazy<TinyFashion> Shared = new(Build);

    private TinyFashion(string directory) => Directory = directory;

    /// <summary>The instance, built on first use.</summary>
    public static TinyFashion Instance => Shared.Value;

    /// <summary>True once <see cref="Instance"/> was built (so tear-down knows whether to delete).</summary>
    public static bool IsBuilt => Shared.IsValueCreated;

    /// <summary>Directory holding the IDX files and checkpoints.</summary>
    public string Directory { get; }

    /// <summary>Standard output of the `train vae` run that made <see cref="ModelA"/>.</summary>
    public string TrainOutput { get; private set; } = "";

    /// <summary>The data directory given to `train vae --data`.</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>Checkpoint trained with seed 1.</summary>
    public string ModelA => Path.Combine(Directory, "a.ckpt");

    /// <summary>Checkpoint trained with seed 2 (same shape, different weights).</summary>
    public string ModelB => Path.Combine(Directory, "b.ckpt");

    /// <summary>A plain IDX file of <see cref="ImageCount"/> grey images to compress.</summary>
    public string Images => Path.Combine(Directory, "images.idx");

    /// <summary>The grey pixels of <see cref="Images"/>.</summary>
    public byte[] Pixels { get; private set; } = [];

    /// <summary>What decompress must write for the first <paramref name="count"/> images: the IDX header, then 255 where pixel ≥ 128 and 0 elsewhere.</summary>
    public byte[] ExpectedIdx(int count)
    {
        int d = Side * Side;
        var bytes = new byte[16 + count * d];
        WriteHeader(bytes, count);
        for (int i = 0; i < count * d; i++) bytes[16 + i] = Pixels[i] >= 128 ? (byte)255 : (byte)0;
        return bytes;
    }

    /// <summary>Arguments of the `train vae` run on the synthetic data (tiny network, a few epochs).</summary>
    public string[] TrainArgs(string output, int seed, int epochs = 3) =>
        ["train", "vae", "--data", DataDirectory, "--hidden", "16", "--latents", "4", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--batch", "50", "--train-limit", "200", "--eval-limit", "20", "--eval-k", "5", "--k", "5", "--lr", "0.003",
         "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output];

    private static TinyFashion Build()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mcbits-cli-tests", "vae-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(dir, "data");
        System.IO.Directory.CreateDirectory(data);
        var protoRng = new Random(3);
        var protos = new bool[10][];
        for (int c = 0; c < 10; c++) protos[c] = Enumerable.Range(0, Side * Side).Select(_ => protoRng.Next(2) == 1).ToArray();
        WriteSplit(data, "train", 400, protos, seed: 5, gzip: true);
        WriteSplit(data, "t10k", 100, protos, seed: 7, gzip: false);
        var (pixels, _) = Draw(ImageCount, protos, seed: 11);
        var fashion = new TinyFashion(dir) { Pixels = pixels };
        WriteIdx(fashion.Images, [ImageCount, Side, Side], pixels, gzip: false);
        fashion.TrainOutput = RunOrThrow(fashion.TrainArgs(fashion.ModelA, seed: 1));
        RunOrThrow(fashion.TrainArgs(fashion.ModelB, seed: 2));
        return fashion;
    }

    private static string RunOrThrow(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        if (code != 0) throw new InvalidOperationException($"mcbits {string.Join(' ', args)} failed with {code}: {error}");
        return output.ToString();
    }

    private static void WriteSplit(string dir, string split, int count, bool[][] protos, int seed, bool gzip)
    {
        var (pixels, labels) = Draw(count, protos, seed);
        string gz = gzip ? ".gz" : "";
        WriteIdx(Path.Combine(dir, $"{split}-images-idx3-ubyte{gz}"), [count, Side, Side], pixels, gzip);
        WriteIdx(Path.Combine(dir, $"{split}-labels-idx1-ubyte{gz}"), [count], labels, gzip);
    }

    // Grey levels well away from the threshold for most pixels, a few flipped, so the binarised images are
    // learnable (a tiny VAE codes them well below 1 bit/pixel) but not constant.
    private static (byte[] Pixels, byte[] Labels) Draw(int count, bool[][] protos, int seed)
    {
        int d = Side * Side;
        var rng = new Random(seed);
        var pixels = new byte[count * d];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            int c = rng.Next(10);
            labels[n] = (byte)c;
            for (int i = 0; i < d; i++)
            {
                bool on = protos[c][i] ^ (rng.Next(100) < 4);
                pixels[n * d + i] = (byte)(on ? rng.Next(128, 256) : rng.Next(0, 128));
            }
        }
        return (pixels, labels);
    }

    private static void WriteIdx(string path, int[] dims, byte[] body, bool gzip)
    {
        using var file = File.Create(path);
        using Stream sink = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        var header = new byte[4 + 4 * dims.Length];
        header[2] = 0x08;
        header[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        sink.Write(header);
        sink.Write(body);
    }

    private static void WriteHeader(Span<byte> bytes, int count)
    {
        bytes[..4].Clear();
        bytes[2] = 0x08;
        bytes[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], count);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], Side);
        BinaryPrimitives.WriteInt32BigEndian(bytes[12..], Side);
    }
}

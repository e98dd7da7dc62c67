// Builds tiny Fashion-MNIST-shaped IDX files in a temporary directory so tests never need the real data.
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

internal sealed class TinyIdx : IDisposable
{
    public TinyIdx(int trainCount = 40, int testCount = 20, int side = 6, bool gzip = true, ulong seed = 1)
    {
        Directory = Path.Combine(Path.GetTempPath(), "mcbits-idx-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Side = side;
        var rng = new SplitMix64(seed);
        WriteSplit("train", trainCount, side, gzip, ref rng);
        WriteSplit("t10k", testCount, side, gzip, ref rng);
    }

    public string Directory { get; }

    public int Side { get; }

    /// <summary>Image i of a split: label i % 10, pixels a class-dependent pattern plus noise.</summary>
    public static (byte[] Pixels, byte[] Labels) Make(int count, int side, ref SplitMix64 rng)
    {
        var px = new byte[count * side * side];
        var lb = new byte[count];
        for (int i = 0; i < count; i++)
        {
            lb[i] = (byte)(i % 10);
            for (int p = 0; p < side * side; p++)
            {
                bool on = ((p + lb[i]) % 3) == 0;
                px[i * side * side + p] = (byte)(on ? 200 + rng.NextBelow(56) : rng.NextBelow(60));
            }
        }
        return (px, lb);
    }

    private void WriteSplit(string split, int count, int side, bool gzip, ref SplitMix64 rng)
    {
        var (px, lb) = Make(count, side, ref rng);
        string ext = gzip ? ".gz" : "";
        IdxReader.Write(Path.Combine(Directory, $"{split}-images-idx3-ubyte{ext}"), new IdxArray([count, side, side], px), gzip);
        IdxReader.Write(Path.Combine(Directory, $"{split}-labels-idx1-ubyte{ext}"), new IdxArray([count], lb), gzip);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

// A tiny VRNN for the coder tests: sequences of 6 steps of 8 binary symbols (noisy copies of a few random prototype
// sequences), an 8-8-8-2 network from a fixed seed. Round trips are exact whatever the weights, so the coder tests run on the
// untrained network (fast); the rate tests train it briefly where they need a model that has learnt something.
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;

namespace Engine.Systems.Tests.Vrnn;

internal static class TinyVrnn
{
    public const int Steps = 6, Symbols = 8;

    private static readonly Lazy<VrnnModel> LazyModel = new(() => Build(7));

    public static VrnnShape Shape { get; } = new(Symbols, 8, 8, 2);

    /// <summary>The untrained network of seed 7.</summary>
    public static VrnnModel Model => LazyModel.Value;

    /// <summary>Another network of the same shape (another fingerprint).</summary>
    public static VrnnModel Other() => Build(99);

    private static VrnnModel Build(long seed)
    {
        var net = new VrnnNetwork(Shape, seed);
        return new VrnnModel(net, ModelFingerprint.Compute(net), "classes=synthetic");
    }

    /// <summary><paramref name="count"/> sequences (rows = steps) from four prototypes with 5 % of the symbols flipped.</summary>
    public static BinaryImages Sequences(int count, ulong seed = 11, int steps = Steps)
    {
        int d = steps * Symbols;
        var protoRng = new Random(3);
        var protos = new byte[4, d];
        for (int p = 0; p < 4; p++) for (int i = 0; i < d; i++) protos[p, i] = (byte)protoRng.Next(2);
        var rng = new Random((int)seed);
        var bits = new byte[count * d];
        for (int n = 0; n < count; n++)
        {
            int p = rng.Next(4);
            for (int i = 0; i < d; i++) bits[n * d + i] = (byte)(protos[p, i] ^ (rng.Next(100) < 5 ? 1 : 0));
        }
        return new BinaryImages(steps, Symbols, bits, new byte[count], Enumerable.Range(0, count).ToArray());
    }
}

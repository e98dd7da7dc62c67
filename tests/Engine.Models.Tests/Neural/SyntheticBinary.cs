// Tiny synthetic binary data for VAE tests: noisy copies of a few random prototypes.
using Engine.Models.Data;

namespace Engine.Models.Tests.Neural;

internal static class SyntheticBinary
{
    public static BinaryImages Make(int count, int side, int prototypes = 4, double flip = 0.05, ulong seed = 3)
    {
        int d = side * side;
        var rng = new SplitMix64(seed);
        var protos = new byte[prototypes, d];
        for (int p = 0; p < prototypes; p++) for (int i = 0; i < d; i++) protos[p, i] = (byte)(rng.Next() & 1);
        var bits = new byte[count * d];
        var labels = new byte[count];
        uint flipScaled = (uint)(flip * 1_000_000);
        for (int n = 0; n < count; n++)
        {
            int p = (int)rng.NextBelow((uint)prototypes);
            labels[n] = (byte)p;
            for (int i = 0; i < d; i++)
                bits[n * d + i] = (byte)(protos[p, i] ^ (rng.NextBelow(1_000_000) < flipScaled ? 1 : 0));
        }
        return new BinaryImages(side, side, bits, labels, Enumerable.Range(0, count).ToArray());
    }
}

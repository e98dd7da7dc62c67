// NoisyImages: the binary 28x28 images the neural coder benchmarks code — noisy copies (5 % of pixels flipped) of ten seeded random
// prototypes. The work a coder does per image does not depend on what the image shows, so no data set is needed.
using Engine.Models.Data;

namespace Engine.Bench.Coders;

internal static class NoisyImages
{
    /// <summary><paramref name="count"/> images of 28 x 28 binary pixels (seed 11 for the noise, 3 for the prototypes).</summary>
    public static BinaryImages Create(int count)
    {
        const int side = 28, d = side * side;
        var protoRng = new Random(3);
        var protos = new byte[10, d];
        for (int p = 0; p < 10; p++) for (int i = 0; i < d; i++) protos[p, i] = (byte)protoRng.Next(2);
        var rng = new Random(11);
        var bits = new byte[count * d];
        for (int k = 0; k < count; k++)
        {
            int p = rng.Next(10);
            for (int i = 0; i < d; i++) bits[k * d + i] = (byte)(protos[p, i] ^ (rng.Next(100) < 5 ? 1 : 0));
        }
        return new BinaryImages(side, side, bits, new byte[count], Enumerable.Range(0, count).ToArray());
    }
}

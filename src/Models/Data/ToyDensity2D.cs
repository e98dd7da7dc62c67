// ToyDensity2D: three 2-D densities on which a flow's failure and a CIF's fix can be seen (Cornish et al.'s motivating case:
// a bijection of a Gaussian cannot cut it into disconnected pieces, an indexed family of bijections can), discretised to an
// 8-bit grid so the coders code them exactly: each point is a 1x2 "image" whose pixels are the grid cells of x and y, with
// [-4, 4) mapped to 0 .. 255 (32 cells per unit; points outside are clamped to the edge).
//   rings         two concentric rings (radii 1.5 and 3, radial std 0.12), equal mass
//   gaussians8    eight Gaussians (std 0.25) on a circle of radius 2.8
//   checkerboard  uniform on the 8 dark squares of a 4x4 board over [-4, 4)^2
// Sampling is seeded (SplitMix64), so a seed names one data set.
namespace Engine.Models.Data;

/// <summary>Seeded samples of 2-D toy densities on an 8-bit grid, as 1x2 images.</summary>
public static class ToyDensity2D
{
    /// <summary>The densities <see cref="Sample"/> draws from.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rings", "gaussians8", "checkerboard"];

    /// <summary>Grid cells per unit of x or y.</summary>
    public const double CellsPerUnit = 32;

    /// <summary><paramref name="count"/> points of density <paramref name="name"/>, as 1x2 images of grid cells.</summary>
    /// <exception cref="ArgumentException">Unknown name or negative count.</exception>
    public static ImageSet Sample(string name, int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Func<SplitMix64, (double, double, SplitMix64)> draw = name switch
        {
            "rings" => Rings,
            "gaussians8" => Gaussians8,
            "checkerboard" => Checkerboard,
            _ => throw new ArgumentException($"Unknown density '{name}'; use {string.Join(", ", Names)}.", nameof(name)),
        };
        var rng = new SplitMix64(seed);
        var pixels = new byte[2 * count];
        for (int k = 0; k < count; k++)
        {
            (double x, double y, rng) = draw(rng);
            pixels[2 * k] = Cell(x);
            pixels[2 * k + 1] = Cell(y);
        }
        return new ImageSet(1, 2, pixels, new byte[count], Enumerable.Range(0, count).ToArray());
    }

    /// <summary>The grid cell of coordinate <paramref name="v"/>.</summary>
    public static byte Cell(double v) => (byte)Math.Clamp(Math.Floor((v + 4) * CellsPerUnit), 0, 255);

    private static double Uniform(ref SplitMix64 rng) => (rng.Next() >> 11) * (1.0 / (1UL << 53));

    private static double Normal(ref SplitMix64 rng) =>
        Math.Sqrt(-2 * Math.Log(1 - Uniform(ref rng))) * Math.Cos(2 * Math.PI * Uniform(ref rng));

    private static (double, double, SplitMix64) Rings(SplitMix64 rng)
    {
        double radius = (rng.Next() & 1) == 0 ? 1.5 : 3.0;
        double angle = 2 * Math.PI * Uniform(ref rng), r = radius + 0.12 * Normal(ref rng);
        return (r * Math.Cos(angle), r * Math.Sin(angle), rng);
    }

    private static (double, double, SplitMix64) Gaussians8(SplitMix64 rng)
    {
        double angle = 2 * Math.PI * (rng.Next() % 8) / 8;
        return (2.8 * Math.Cos(angle) + 0.25 * Normal(ref rng), 2.8 * Math.Sin(angle) + 0.25 * Normal(ref rng), rng);
    }

    private static (double, double, SplitMix64) Checkerboard(SplitMix64 rng)
    {
        int square = (int)(rng.Next() % 8), row = square / 2, col = 2 * (square % 2) + (row % 2);
        return (-4 + 2 * col + 2 * Uniform(ref rng), -4 + 2 * row + 2 * Uniform(ref rng), rng);
    }
}

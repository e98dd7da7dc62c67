// ToyDensity2D: a seed names one data set; every density puts its points where it says (rings at their radii, the eight
// Gaussians near their centres, the checkerboard on dark squares only), as 1x2 images of 8-bit grid cells.
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

public class ToyDensity2DTests
{
    private static (double X, double Y)[] Points(string name, int n, ulong seed)
    {
        ImageSet set = ToyDensity2D.Sample(name, n, seed);
        Assert.That((set.Rows, set.Cols, set.Count), Is.EqualTo((1, 2, n)));
        return Enumerable.Range(0, n).Select(k => ((set.Image(k)[0] + 0.5) / 32 - 4, (set.Image(k)[1] + 0.5) / 32 - 4)).ToArray();
    }

    [Test]
    public void ASeedNamesOneDataSet([ValueSource(typeof(ToyDensity2D), nameof(ToyDensity2D.Names))] string name)
    {
        Assert.That(ToyDensity2D.Sample(name, 500, 3).Pixels, Is.EqualTo(ToyDensity2D.Sample(name, 500, 3).Pixels));
        Assert.That(ToyDensity2D.Sample(name, 500, 3).Pixels, Is.Not.EqualTo(ToyDensity2D.Sample(name, 500, 4).Pixels));
    }

    [Test]
    public void EachDensityIsWhereItSays()
    {
        var rings = Points("rings", 4000, 1).Select(p => Math.Sqrt(p.X * p.X + p.Y * p.Y)).ToArray();
        Assert.That(rings.Count(r => Math.Abs(r - 1.5) < 0.5 || Math.Abs(r - 3) < 0.5), Is.EqualTo(rings.Length));
        Assert.That(rings.Count(r => r < 2.25) / (double)rings.Length, Is.EqualTo(0.5).Within(0.05), "equal mass");
        foreach ((double x, double y) in Points("gaussians8", 4000, 1))
        {
            double nearest = Enumerable.Range(0, 8).Min(k => Math.Sqrt(Math.Pow(x - 2.8 * Math.Cos(k * Math.PI / 4), 2) + Math.Pow(y - 2.8 * Math.Sin(k * Math.PI / 4), 2)));
            Assert.That(nearest, Is.LessThan(1.6));
        }
        foreach ((double x, double y) in Points("checkerboard", 4000, 1))
            Assert.That(((int)Math.Floor((x + 4) / 2) + (int)Math.Floor((y + 4) / 2)) % 2, Is.Zero, $"({x}, {y}) on a light square");
        Assert.Throws<ArgumentException>(() => ToyDensity2D.Sample("spiral", 1, 1));
    }
}

// The fashion-vae sweep on the tiny stand-in data: it writes runs.csv and sweep.csv in the schema every sweep
// shares (SweepCsv: preset, model, side, coder, N, chains, seed, unit = image of 784 pixels, per-image rates,
// the side's -ELBO and -IWAE(50) as bounds) beside table.md and a net-bits plot per side, and first removes what an
// earlier sweep left there.
using System.Globalization;
using Engine.Systems;

namespace Engine.Cli.Tests.Vae;

internal sealed class VaeSweepTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    [Test]
    public void TheVaeSweepWritesTheSharedSchemaAndRemovesStaleFiles()
    {
        Directory.CreateDirectory(P("vs"));
        File.WriteAllText(P("vs/net.png"), "from an earlier toy sweep");
        CliResult r = RunOk("sweep", "--preset", "fashion-vae", "--vae-model", Fashion.ModelA, "--data", Fashion.DataDirectory, "--images", "3",
            "--coders", "bb-elbo,bb-is", "--particles", "2", "--chains", "1", "-o", P("vs"));
        Assert.That(r.Out, Does.Contain("removed 1 file(s) an earlier sweep wrote"));
        Assert.That(File.Exists(P("vs/net.png")), Is.False);
        string[] runs = File.ReadAllLines(P("vs/runs.csv")), cells = File.ReadAllLines(P("vs/sweep.csv"));
        Assert.That(runs[0], Is.EqualTo(SweepCsv.RunsHeader));
        Assert.That(cells[0], Is.EqualTo(SweepCsv.CellsHeader));
        Assert.That(File.Exists(P("vs/table.md")), Is.True);
        foreach (string side in new[] { "in", "out" })
        {
            byte[] png = File.ReadAllBytes(P($"vs/net-{side}.png"));
            Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"net-{side}.png is a PNG");
            Assert.That(png, Has.Length.GreaterThan(10_000));
        }
        Assert.That(r.Out, Does.Contain("wrote 5 files"));
        string[][] rows = runs.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.That(rows.Select(f => $"{f[4]} {f[5]} {f[6]}"), Is.EquivalentTo(new[] { "in BB-ELBO 1", "in BB-IS 2", "out BB-ELBO 1", "out BB-IS 2" }));
        foreach (string[] f in rows)
        {
            Assert.That(f[0], Is.EqualTo("fashion-vae"));
            Assert.That(f[1], Is.EqualTo("a.ckpt"));
            Assert.That(f[9..12], Is.EqualTo(new[] { "image", "3", "784" }));
            double net = double.Parse(f[12], CultureInfo.InvariantCulture), negElbo = double.Parse(f[21], CultureInfo.InvariantCulture);
            Assert.That(net / 784, Is.InRange(0.01, 2.0), "bits per image over its pixels: bits/dim (the tiny model codes its other classes at about 1)");
            Assert.That(negElbo, Is.GreaterThan(0));
            Assert.That(f[19], Is.EqualTo("ok"));
        }
        Assert.That(cells, Has.Length.EqualTo(5));
    }
}

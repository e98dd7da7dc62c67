// The example host under examples/RingSensor runs as CI runs the tests: a small ring (fewer agents and ticks than
// its defaults), frames every tick and every 3 ticks; it decodes the stream itself and exits 0 only when every reading
// came back, and its rate line must show the coder's net rate (initial bits and frame headers aside: small frames
// pay for those) within 10 % of the model's -log2 p(x), and below the raw 4 bits.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Engine.Systems.Tests;

public class ExampleHostTests
{
    [TestCase(1)]
    [TestCase(3)]
    public void TheRingSensorHostCompressesEveryTickAndDecodesItBack(int flushEvery)
    {
        var output = new StringWriter();
        int exit = RingSensor.Program.Run(["--agents", "120", "--ticks", "40", "--particles", "8", "--flush-every", flushEvery.ToString(CultureInfo.InvariantCulture)], output);
        string text = output.ToString();
        TestContext.Out.WriteLine(text);
        Assert.That(exit, Is.Zero, text);
        Assert.That(text, Does.Contain("decoded exactly"));
        Match rate = Regex.Match(text, @"\(([0-9.]+) net of initial bits\).*model -log2 p\(x\) ([0-9.]+); raw ([0-9.]+)");
        Assert.That(rate.Success, Is.True, text);
        double net = double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), ideal = double.Parse(rate.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.That(net, Is.EqualTo(ideal).Within(10).Percent.And.LessThan(4.0));
    }
}

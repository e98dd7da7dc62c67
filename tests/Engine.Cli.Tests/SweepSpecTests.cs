// `mcbits sweep --spec file.json`: a grid of several data sets (a toy model sampled, a JSON model file sampled, a toy
// model coding a data file), coder variants and a resampling list, seeds — written in the one CSV schema, without
// figures (several data sets); bad spec files are one usage line naming the field, and nothing is written.
using System.Globalization;

namespace Engine.Cli.Tests;

internal sealed class SweepSpecTests : CliHarness
{
    private static string WeatherModel => Path.Combine(AppContext.BaseDirectory, "examples", "models", "weather-hmm.json");

    [Test]
    public void ASpecRunsEveryDataSetCoderAndSeedInTheSharedSchema()
    {
        Directory.CreateDirectory(P("spec"));
        File.Copy(WeatherModel, P("spec/weather-hmm.json"));
        RunOk("sample", "-m", "toy-mixture", "--symbols", "40", "-s", "5", "-o", P("spec/symbols.bin"));
        File.WriteAllText(P("spec/grid.json"), """
            {
              "name": "mixed",
              "models": [
                { "model": "toy-hmm", "model_seed": 2, "units": 6, "data_seed": 3 },
                { "model": "weather-hmm.json", "units": 8 },
                { "model": "toy-mixture", "data": "symbols.bin" }
              ],
              "coders": ["bb-elbo", "bb-smc", "bb-is", "bb-ais"],
              "resampling": ["always", "adaptive"],
              "particles": [4],
              "seeds": [1, 2]
            }
            """);
        CliResult r = RunOk("sweep", "--spec", P("spec/grid.json"), "-o", P("out"));
        string[][] runs = File.ReadAllLines(P("out/runs.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        string[] keys = runs.Select(f => $"{f[1]} {f[5]} {f[6]} seed {f[8]}").Distinct().ToArray();
        string[] expected =
        [
            .. new[] { "toy-hmm", "weather-hmm.json", "toy-mixture" }.SelectMany(m => new[] { $"{m} BB-ELBO 1", $"{m} BB-SMC 4", $"{m} BB-SMC-adaptive 4", $"{m} BB-IS 4" }),
            "toy-mixture BB-AIS 4",
        ];
        Assert.That(keys, Is.EquivalentTo(expected.SelectMany(k => new[] { k + " seed 1", k + " seed 2" })));
        Assert.That(r.Out, Does.Contain("skipped toy-hmm BB-AIS N=4").And.Contain("skipped weather-hmm.json BB-AIS N=4"), "AIS anneals one-step models only");
        Assert.That(runs.All(f => f[0] == "mixed" && f[19] == "ok"), Is.True);
        string[] hmm = runs.First(f => f[1] == "toy-hmm");
        Assert.That(hmm[2..5], Is.EqualTo(new[] { "2", "3", "all" }), "model seed, data seed");
        string[] fromFile = runs.First(f => f[1] == "toy-mixture");
        Assert.That(fromFile[3], Is.Empty, "data read from a file has no data seed");
        Assert.That(fromFile[10], Is.EqualTo("40"));
        string[] weather = runs.First(f => f[1] == "weather-hmm.json");
        Assert.That(weather[20], Is.Empty, "no entropy for a user's model");
        Assert.That(double.Parse(weather[22], CultureInfo.InvariantCulture), Is.GreaterThan(0), "its exact -log2 p(x)");
        Assert.That(Directory.GetFiles(P("out"), "*.png"), Is.Empty);
        Assert.That(r.Out, Does.Contain("no figures: the sweep has several data sets"));
    }

    [TestCase("""{ "models": [{ "model": "toy-hmm" }], "coders": ["bb-smc"], "colour": "red" }""", "unknown field \"colour\"")]
    [TestCase("""{ "coders": ["bb-smc"] }""", "has no \"models\"")]
    [TestCase("""{ "models": [{ "model": "toy-hmm" }], "coders": ["bb-what"] }""", "coders[0]")]
    [TestCase("""{ "models": [{ "model": "toy-hmm", "units": 0 }], "coders": ["bb-smc"] }""", "models[0].units")]
    [TestCase("""{ "models": [{ "model": "toy-hmm" }], "coders": ["bb-smc"], "particles": [1, -4] }""", "particles[1]")]
    [TestCase("""{ "models": [{ "model": "toy-hmm" }], "coders": ["bb-smc"], "resampling": ["sometimes"] }""", "sometimes")]
    [TestCase("""{ "models": [{ "model": "no-such-model" }], "coders": ["bb-smc"] }""", "models[0].model")]
    [TestCase("""{ "models": [{ "model": "toy-hmm", "data": "x.bin", "units": 3 }], "coders": ["bb-smc"] }""", "\"data\" reads a file")]
    [TestCase("""{ "models": [ """, "not valid JSON")]
    [TestCase("""[1, 2]""", "must be a JSON object")]
    [TestCase("""{ "models": [{ "model": "toy-hmm" }], "coders": ["bb-smc"], "tolerance": -0.5 }""", "must be a non-negative number")]
    public void BadSpecsAreOneUsageLineNamingTheField(string json, string expected)
    {
        File.WriteAllText(P("bad.json"), json);
        CliResult r = Run("sweep", "--spec", P("bad.json"), "-o", P("bad"));
        AssertCleanFailure(r, 1, P("bad/sweep.csv"));
        Assert.That(r.ErrorLines[0], Does.Contain(expected));
    }

    [TestCase("--preset", "toy-hmm")]
    [TestCase("--particles", "2")]
    public void ASpecTakesNoGridOptions(params string[] extra)
    {
        File.WriteAllText(P("ok.json"), """{ "models": [{ "model": "toy-hmm", "units": 2 }], "coders": ["bb-smc"] }""");
        CliResult r = Run(["sweep", "--spec", P("ok.json"), "-o", P("bad"), .. extra]);
        AssertCleanFailure(r, 1, P("bad/sweep.csv"));
    }
}

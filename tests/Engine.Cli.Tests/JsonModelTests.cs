// A user's discrete model as a JSON file on the command line: sample / compress / decompress round trips
// with the shipped weather HMM (locally-optimal and bootstrap proposals) for BB-SMC, BB-CSMC and BB-IS, a
// JSON mixture with BB-AIS; decompress refuses another model, and asks for --model when it is missing
// (exit 16); every bad model file is one "mcbits: error: <file>: <field>: <what>" line with exit 2 and no
// output. The README's example commands run here as written.
namespace Engine.Cli.Tests;

internal sealed class JsonModelTests : CliHarness
{
    private const string Mixture = """
        {
          "kind": "mixture",
          "name": "four-by-three",
          "prior": [4, 3, 2, 1],
          "emission": [[8, 1, 1], [1, 8, 1], [1, 1, 8], [1, 1, 1]],
          "proposal": "bootstrap"
        }
        """;

    private static string Weather => Path.Combine(AppContext.BaseDirectory, "examples", "models", "weather-hmm.json");

    [TestCase("bb-smc", 16, 1, "locally-optimal")]
    [TestCase("bb-smc", 8, 3, "bootstrap")]
    [TestCase("bb-csmc", 16, 2, "locally-optimal")]
    [TestCase("bb-csmc", 4, 1, "bootstrap")]
    [TestCase("bb-is", 8, 2, "locally-optimal")]
    [TestCase("bb-is", 4, 1, "bootstrap")]
    [TestCase("bb-elbo", 1, 1, "uniform")]
    public void WeatherHmmRoundTrips(string coder, int n, int chains, string proposal)
    {
        string model = P("weather.json");
        File.WriteAllText(model, File.ReadAllText(Weather).Replace("\"locally-optimal\"", $"\"{proposal}\"", StringComparison.Ordinal));
        RoundTrip(model, 140, coder, n, chains);
    }

    [TestCase("bb-ais", 8)]
    [TestCase("bb-ais-bitswap", 4)]
    [TestCase("bb-cis", 16)]
    public void MixtureRoundTrips(string coder, int n)
    {
        File.WriteAllText(P("mix.json"), Mixture);
        RoundTrip(P("mix.json"), 300, coder, n, 2);
    }

    [Test]
    public void TheReadmeExampleRuns()
    {
        // README, "Your own discrete model": the same commands on the shipped file.
        File.Copy(Weather, P("weather-hmm.json"));
        CliResult s = RunOk("sample", "--model", P("weather-hmm.json"), "--symbols", "7000", "--seed", "1", "-o", P("weather.bin"));
        Assert.That(s.Out, Does.Contain("7000 symbols of weather-hmm.json"));
        CliResult c = RunOk("compress", P("weather.bin"), "-o", P("weather.mcb"), "--model", P("weather-hmm.json"), "--coder", "bb-smc", "-N", "16");
        Assert.That(c.Out, Does.Contain("(weather-hmm.json), BB-SMC N=16").And.Contain("per sequence"));
        CliResult d = RunOk("decompress", P("weather.mcb"), "-o", P("back.bin"), "--model", P("weather-hmm.json"));
        Assert.That(d.Out, Does.Contain("verified model fingerprint"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("weather.bin"))));
    }

    [Test]
    public void DecompressRefusesAnotherModel()
    {
        MakeWeatherMessage();
        File.WriteAllText(P("other.json"), File.ReadAllText(Weather).Replace("[0.7, 0.2, 0.1]", "[0.6, 0.3, 0.1]", StringComparison.Ordinal));
        CliResult r = Run("decompress", P("w.mcb"), "-o", P("out.bin"), "--model", P("other.json"));
        AssertCleanFailure(r, 16, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("w.mcb").And.Contain("other.json").And.Contain("fingerprint"));

        File.WriteAllText(P("mix.json"), Mixture);
        r = Run("decompress", P("w.mcb"), "-o", P("out.bin"), "--model", P("mix.json"));
        AssertCleanFailure(r, 16, P("out.bin"));

        // Same tables, another name: the description the message records differs.
        File.WriteAllText(P("renamed.json"), File.ReadAllText(Weather).Replace("\"weather\"", "\"climate\"", StringComparison.Ordinal));
        r = Run("decompress", P("w.mcb"), "-o", P("out.bin"), "--model", P("renamed.json"));
        AssertCleanFailure(r, 16, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("name=climate"));
    }

    [Test]
    public void TheSameNumbersWrittenDifferentlyDecode()
    {
        MakeWeatherMessage();
        // Counts instead of probabilities, other spacing and key order: the same quantised tables.
        File.WriteAllText(P("counts.json"), """
            {"proposal":"locally-optimal","emission":[[12,6,1,1],[6,8,4,2],[1,3,6,10]],"transition":[[7,2,1],[3,4,3],[2,3,5]],
             "prior":[5,3,2],"sequence_length":7,"kind":"hmm","name":"weather"}
            """);
        RunOk("decompress", P("w.mcb"), "-o", P("back.bin"), "--model", P("counts.json"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("w.bin"))));
    }

    [Test]
    public void DecompressWithoutTheModelAsksForIt()
    {
        MakeWeatherMessage();
        CliResult r = Run("decompress", P("w.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 16, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("--model").And.Contain("json-hmm:name=weather"));
    }

    [Test]
    public void AToyMessageIsNotAJsonModelsMessage()
    {
        RunOk("sample", "-m", "toy-hmm", "--symbols", "40", "-o", P("t.bin"));
        RunOk("compress", P("t.bin"), "-o", P("t.mcb"), "-m", "toy-hmm", "-c", "bb-smc", "-N", "4");
        File.Copy(Weather, P("w.json"));
        AssertCleanFailure(Run("decompress", P("t.mcb"), "-o", P("out.bin"), "--model", P("w.json")), 16, P("out.bin"));
    }

    [Test]
    public void DataOutsideTheModelIsRefused()
    {
        File.Copy(Weather, P("w.json"));
        File.WriteAllBytes(P("d.bin"), [0, 1, 2, 3, 4, 0, 1]);
        CliResult r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", P("w.json"), "-c", "bb-smc");
        AssertCleanFailure(r, 2, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("byte 4 at offset 4 is not a w.json symbol"));
        File.WriteAllBytes(P("d.bin"), [0, 1, 2]);
        r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", P("w.json"), "-c", "bb-smc");
        AssertCleanFailure(r, 2, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("multiple of T = 7"));
    }

    [Test]
    public void OptionsTheModelCannotRunAreUsageErrors()
    {
        File.Copy(Weather, P("w.json"));
        File.WriteAllBytes(P("d.bin"), new byte[14]);
        CliResult r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", P("w.json"), "-c", "bb-ais");
        AssertCleanFailure(r, 1, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("cannot run on w.json"));
        r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", P("w.json"), "--model-seed", "3");
        AssertCleanFailure(r, 1, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("--model-seed is for the toy models"));
    }

    [Test]
    public void ANameThatIsNoFileNorToyIsAUsageError()
    {
        File.WriteAllBytes(P("d.bin"), new byte[14]);
        CliResult r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", "weather");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Error, Does.Contain("nor a JSON model file (*.json)"));
    }

    /// <summary>One bad file per error the reader knows: the field it names and a phrase of what it says.</summary>
    private static readonly object[] BadFiles =
    [
        new object[] { "", "$", "the file is empty" },
        new object[] { "{\"kind\": \"hmm\",}", "$", "invalid JSON" },
        new object[] { "[1, 2]", "$", "one JSON object" },
        new object[] { Hmm("\"emision\": [[1]]"), "emision", "unknown key" },
        new object[] { Hmm("\"prior\": [1, 1]"), "prior", "duplicate key" },
        new object[] { Hmm("\"precision\": \"12\""), "precision", "expected an integer" },
        new object[] { Hmm().Replace("\"emission\": [[1, 2, 3], [3, 2, 1]]", "\"emission\": [[1, 2, 3], [3, 2]]", StringComparison.Ordinal), "emission[1]", "has 2 numbers; expected V = 3" },
        new object[] { Hmm().Replace("\"emission\": [[1, 2, 3], [3, 2, 1]]", "\"emission\": [[1, 2, 3]]", StringComparison.Ordinal), "emission", "has 1 row" },
        new object[] { Hmm().Replace("\"prior\": [1, 3]", "\"prior\": [1, -3]", StringComparison.Ordinal), "prior[1]", "negative" },
        new object[] { Hmm().Replace("\"prior\": [1, 3]", "\"prior\": [1, \"NaN\"]", StringComparison.Ordinal), "prior[1]", "no NaN or infinity" },
        new object[] { Hmm().Replace("\"prior\": [1, 3]", "\"prior\": [1, 1e400]", StringComparison.Ordinal), "prior[1]", "not a finite number" },
        new object[] { Hmm().Replace("[[3, 1], [1, 1]]", "[[3, 1], [0, 0]]", StringComparison.Ordinal), "transition[1]", "every number is 0" },
        new object[] { Hmm().Replace("\"sequence_length\": 4,", "", StringComparison.Ordinal), "sequence_length", "required but missing" },
        new object[] { Hmm().Replace("\"kind\": \"hmm\"", "\"kind\": \"mixture\"", StringComparison.Ordinal), "sequence_length", "a mixture codes one symbol per unit" },
        new object[] { Hmm().Replace("\"bootstrap\"", "\"optimal\"", StringComparison.Ordinal), "proposal", "is not a proposal" },
        new object[] { Hmm("\"precision\": 25"), "precision", "out of range" },
    ];

    [TestCaseSource(nameof(BadFiles))]
    public void ABadModelFileIsOneLineAndExit2(string json, string field, string what)
    {
        File.WriteAllText(P("bad.json"), json);
        File.WriteAllBytes(P("d.bin"), new byte[8]);
        string prefix = $"mcbits: error: {P("bad.json")}: {field}: ";
        foreach (string[] args in new[]
        {
            new[] { "compress", P("d.bin"), "-o", P("out.bin"), "--model", P("bad.json"), "-c", "bb-smc", "-N", "4" },
            new[] { "decompress", P("d.bin"), "-o", P("out.bin"), "--model", P("bad.json") },
            new[] { "sample", "--model", P("bad.json"), "--symbols", "8", "-o", P("out.bin") },
            new[] { "profile", "--model", P("bad.json"), "--symbols", "8" },
        })
        {
            CliResult r = Run(args);
            AssertCleanFailure(r, 2, P("out.bin"));
            Assert.That(r.ErrorLines[0], Does.StartWith(prefix).And.Contain(what), $"{args[0]}: {r}");
        }
    }

    [Test]
    public void AModelFileOverTheCapIsRefusedUnread()
    {
        using (var f = File.Create(P("huge.json"))) f.SetLength((64L << 20) + 1);
        File.WriteAllBytes(P("d.bin"), new byte[8]);
        CliResult r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", P("huge.json"));
        AssertCleanFailure(r, 2, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.StartWith($"mcbits: error: {P("huge.json")}: $: ").And.Contain("64 MiB limit"));
    }

    [Test]
    public void AMissingModelFileIsExit2()
    {
        File.WriteAllBytes(P("d.bin"), new byte[8]);
        CliResult r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "--model", P("nope.json"));
        AssertCleanFailure(r, 2, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("model file not found").And.Contain("nope.json"));
    }

    /// <summary>A valid HMM (K = 2, V = 3, T = 4, bootstrap), one field per line, with <paramref name="extra"/> fields appended.</summary>
    private static string Hmm(string? extra = null) =>
        "{\n  \"kind\": \"hmm\",\n  \"sequence_length\": 4,\n  \"prior\": [1, 3],\n  \"transition\": [[3, 1], [1, 1]],\n" +
        "  \"emission\": [[1, 2, 3], [3, 2, 1]],\n  \"proposal\": \"bootstrap\"" + (extra is null ? "" : ",\n  " + extra) + "\n}\n";

    private void MakeWeatherMessage()
    {
        File.Copy(Weather, P("w.json"));
        RunOk("sample", "--model", P("w.json"), "--symbols", "70", "--seed", "2", "-o", P("w.bin"));
        RunOk("compress", P("w.bin"), "-o", P("w.mcb"), "--model", P("w.json"), "-c", "bb-smc", "-N", "4");
    }

    private void RoundTrip(string model, int symbols, string coder, int n, int chains)
    {
        RunOk("sample", "--model", model, "--symbols", symbols.ToString(), "--seed", "5", "-o", P("data.bin"));
        CliResult c = RunOk("compress", P("data.bin"), "-o", P("data.mcb"), "--model", model, "-c", coder,
            "-N", n.ToString(), "--chains", chains.ToString(), "--seed", "7");
        Assert.That(c.Out, Does.Contain($"({Path.GetFileName(model)})"));
        CliResult d = RunOk("decompress", P("data.mcb"), "-o", P("back.bin"), "--model", model);
        Assert.That(d.Out, Does.Contain("verified"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("data.bin"))));
    }
}

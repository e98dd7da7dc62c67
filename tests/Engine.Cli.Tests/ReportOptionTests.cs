// --json and --quiet on compress and decompress: --json prints one JSON object (the run's figures, parseable) and
// nothing else; --quiet prints nothing on success; the two together are a usage error; errors are still one line.
using System.Text.Json;

namespace Engine.Cli.Tests;

internal sealed class ReportOptionTests : CliHarness
{
    [Test]
    public void JsonPrintsOneParseableSummary()
    {
        RunOk("sample", "-m", "toy-hmm", "--symbols", "200", "-o", P("d.bin"));
        CliResult c = RunOk("compress", P("d.bin"), "-m", "toy-hmm", "-c", "bb-smc", "-N", "4", "-B", "2", "-o", P("d.mcb"), "--json");
        string[] lines = c.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), c.Out);
        using JsonDocument summary = JsonDocument.Parse(lines[0]);
        JsonElement s = summary.RootElement;
        Assert.That(s.GetProperty("model").GetString(), Is.EqualTo("toy-hmm"));
        Assert.That(s.GetProperty("coder").GetString(), Is.EqualTo("BB-SMC"));
        Assert.That(s.GetProperty("chains").GetInt32(), Is.EqualTo(2));
        Assert.That(s.GetProperty("units").GetInt32(), Is.EqualTo(20));
        Assert.That(s.GetProperty("file_bytes").GetInt64(), Is.EqualTo(new FileInfo(P("d.mcb")).Length));
        Assert.That(s.GetProperty("net_bits_per_symbol").GetDouble(), Is.InRange(1.0, 10.0));
        CliResult d = RunOk("decompress", P("d.mcb"), "-o", P("back.bin"), "--json");
        using JsonDocument back = JsonDocument.Parse(d.Out.Trim());
        Assert.That(back.RootElement.GetProperty("symbols").GetInt32(), Is.EqualTo(200));
        Assert.That(back.RootElement.GetProperty("format_version").GetInt32(), Is.EqualTo(Engine.Ans.Messages.McbMessage.CurrentVersion));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("d.bin"))));
    }

    [Test]
    public void QuietPrintsNothingAndExcludesJson()
    {
        RunOk("sample", "-m", "toy-mixture", "--symbols", "100", "-o", P("d.bin"));
        CliResult c = RunOk("compress", P("d.bin"), "-m", "toy-mixture", "-o", P("d.mcb"), "-q");
        Assert.That(c.Out, Is.Empty);
        CliResult d = RunOk("decompress", P("d.mcb"), "-o", P("back.bin"), "--quiet");
        Assert.That(d.Out, Is.Empty);
        CliResult both = Run("compress", P("d.bin"), "-m", "toy-mixture", "-o", P("e.mcb"), "-q", "--json");
        AssertCleanFailure(both, 1, P("e.mcb"));
        CliResult bad = Run("decompress", P("missing.mcb"), "-o", P("x.bin"), "--json");
        Assert.That(bad.ExitCode, Is.Not.Zero);
        Assert.That(bad.ErrorLines, Has.Length.EqualTo(1), "errors stay one line on standard error");
        Assert.That(bad.Out, Is.Empty);
    }

    [Test]
    public void ProgressLinesComeOnlyAfterTheIntervalAndNeverAtTheEnd()
    {
        var quiet = new StringWriter();
        var slow = new Engine.Cli.Infrastructure.StderrProgress(quiet, "encoding");
        slow.Report(0.5);
        Assert.That(quiet.ToString(), Is.Empty, "a run shorter than the interval prints nothing");
        var error = new StringWriter();
        var eager = new Engine.Cli.Infrastructure.StderrProgress(error, "encoding", TimeSpan.Zero);
        eager.Report(0.25);
        eager.Report(1.0);
        Assert.That(error.ToString().Trim(), Does.Match(@"^mcbits: encoding 25% \(\d+ s\)$"));
    }

    [Test]
    public void WarmupChangesNoByte()
    {
        RunOk("sample", "-m", "toy-hmm", "--symbols", "100", "-o", P("d.bin"));
        RunOk("compress", P("d.bin"), "-m", "toy-hmm", "-c", "bb-csmc", "-N", "8", "-o", P("cold.mcb"));
        CliResult warm = RunOk("compress", P("d.bin"), "-m", "toy-hmm", "-c", "bb-csmc", "-N", "8", "-o", P("warm.mcb"), "--warmup");
        Assert.That(File.ReadAllBytes(P("warm.mcb")), Is.EqualTo(File.ReadAllBytes(P("cold.mcb"))));
        Assert.That(warm.Out, Does.Contain("encode "));
        RunOk("decompress", P("warm.mcb"), "-o", P("back.bin"), "--warmup");
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("d.bin"))));
    }
}

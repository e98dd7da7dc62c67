// profile prints the per-system table and writes a Chrome trace that parses, in either direction;
// sample writes the requested number of in-alphabet symbols, reproducibly, and refuses bad lengths.
using System.Text.Json;

namespace Engine.Cli.Tests;

internal sealed class ProfileAndSampleTests : CliHarness
{
    [TestCase("encode", "toy-mixture", "bb-is", "50")]
    [TestCase("decode", "toy-hmm", "bb-smc", "50")]
    public void ProfileWritesTableAndParseableTrace(string direction, string model, string coder, string symbols)
    {
        CliResult r = RunOk("profile", "-m", model, "-c", coder, "-N", "4", "--chains", "2", "--symbols", symbols,
            "--direction", direction, "--trace", P("trace.json"));
        Assert.That(r.Out, Does.Contain("Propagate").And.Contain("total ms").And.Contain("rans.p"));
        Assert.That(r.Out, Does.Contain("% systems").And.Contain("% wall").And.Contain("wall (encode or decode)"));
        Assert.That(r.Out, Does.Contain("round trip verified"));
        using JsonDocument trace = JsonDocument.Parse(File.ReadAllBytes(P("trace.json")));
        JsonElement[] events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        JsonElement[] spans = events.Where(e => e.GetProperty("ph").GetString() == "X").ToArray();
        Assert.That(spans, Is.Not.Empty);
        Assert.That(spans.Any(e => e.GetProperty("name").GetString() == "Propagate"), Is.True);
        Assert.That(spans.All(e => e.GetProperty("dur").GetDouble() >= 0), Is.True);
        JsonElement process = events.Single(e => e.GetProperty("name").GetString() == "process_name");
        Assert.That(process.GetProperty("args").GetProperty("name").GetString(), Is.Not.Empty, "named after the host");
        Assert.That(events.Any(e => e.GetProperty("name").GetString() == "thread_name"), Is.True, "every thread's track is labelled");
    }

    [Test]
    public void ProfileWithoutTraceWritesNoFile()
    {
        RunOk("profile", "-c", "bb-cis", "-N", "8", "--symbols", "20");
        Assert.That(Directory.GetFiles(Dir), Is.Empty);
    }

    [Test]
    public void SampleIsReproducibleAndInAlphabet()
    {
        RunOk("sample", "-m", "toy-mixture", "--symbols", "777", "--seed", "9", "-o", P("a.bin"));
        RunOk("sample", "-m", "toy-mixture", "--symbols", "777", "--seed", "9", "-o", P("b.bin"));
        byte[] a = File.ReadAllBytes(P("a.bin"));
        Assert.That(a, Has.Length.EqualTo(777));
        Assert.That(a.Max(), Is.LessThan(64));
        Assert.That(File.ReadAllBytes(P("b.bin")), Is.EqualTo(a));
        RunOk("sample", "-m", "toy-hmm", "--symbols", "40", "-o", P("h.bin"));
        Assert.That(File.ReadAllBytes(P("h.bin")).Max(), Is.LessThan(16));
    }

    [Test]
    public void SampleRefusesAPartialSequenceAndAnExistingFile()
    {
        AssertCleanFailure(Run("sample", "-m", "toy-hmm", "--symbols", "15", "-o", P("h.bin")), 1, P("h.bin"));
        File.WriteAllText(P("x.bin"), "keep");
        AssertCleanFailure(Run("sample", "--symbols", "10", "-o", P("x.bin")), 2, null);
        Assert.That(File.ReadAllText(P("x.bin")), Is.EqualTo("keep"));
    }

    [Test]
    public void ProfileRefusesAVaeCheckpoint()
    {
        // profile runs toy models only: its --model must say so at parse time, not fail later as an unknown name.
        CliResult r = Run("profile", "--model", P("vae.ckpt"), "--symbols", "20");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Error, Does.Contain("toy models only"));
    }
}

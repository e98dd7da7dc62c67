// --backend on the coding commands: ILGPU's CPU accelerator writes the same rANS state as the CPU
// backend and either decodes the other's message; cuda without a CUDA device is one error line and
// exit 3 (and runs when a device exists); an unknown name is a usage error.
using Engine.Ans.Messages;
using Engine.Gpu;

namespace Engine.Cli.Tests;

internal sealed class BackendOptionTests : CliHarness
{
    [TestCase("bb-cis", "toy-mixture", 40)]
    [TestCase("bb-smc", "toy-hmm", 30)]
    public void IlgpuCpuAndCpuWriteTheSameStateAndCrossDecode(string coder, string model, int symbols)
    {
        RunOk("sample", "-m", model, "--symbols", symbols.ToString(), "-o", P("d.bin"));
        string[] common = ["-m", model, "-c", coder, "-N", "4", "--chains", "2", "--seed", "3"];
        RunOk(["compress", P("d.bin"), "-o", P("cpu.mcb"), "--backend", "cpu", .. common]);
        RunOk(["compress", P("d.bin"), "-o", P("ilgpu.mcb"), "--backend", "ilgpu-cpu", .. common]);
        McbMessage a = McbMessageFile.Read(P("cpu.mcb"));
        McbMessage b = McbMessageFile.Read(P("ilgpu.mcb"));
        Assert.That((a.Backend, b.Backend), Is.EqualTo(("cpu", "ilgpu-cpu")));
        Assert.That(b.Heads, Is.EqualTo(a.Heads));
        Assert.That(b.Tails, Is.EqualTo(a.Tails));

        CliResult d = RunOk("decompress", P("ilgpu.mcb"), "-o", P("back.bin"), "--backend", "cpu");
        Assert.That(d.Out, Does.Contain("written by ilgpu-cpu, decoded by cpu"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("d.bin"))));
        RunOk("decompress", P("cpu.mcb"), "-o", P("back2.bin"), "--backend", "ilgpu-cpu");
        Assert.That(File.ReadAllBytes(P("back2.bin")), Is.EqualTo(File.ReadAllBytes(P("d.bin"))));
    }

    [Test]
    public void CudaIsAnErrorWithoutADevice()
    {
        RunOk("sample", "--symbols", "20", "-o", P("d.bin"));
        CliResult r = Run("compress", P("d.bin"), "-m", "toy-mixture", "-o", P("d.mcb"), "--backend", "cuda", "-N", "2");
        if (BackendFactory.IsCudaAvailable)
        {
            Assert.That(r.ExitCode, Is.Zero, r.ToString());
            return;
        }
        AssertCleanFailure(r, 3, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("cuda"));
    }

    [TestCase("compress")]
    [TestCase("decompress")]
    [TestCase("sweep")]
    [TestCase("profile")]
    public void UnknownBackendIsAUsageError(string command)
    {
        File.WriteAllBytes(P("in"), new byte[10]);
        string[] args = command is "compress" or "decompress" ? [command, P("in"), "--backend", "tpu"] : [command, "--backend", "tpu"];
        CliResult r = Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Error, Does.Contain("tpu"));
    }

    [Test]
    public void SweepRunsOnIlgpuCpu()
    {
        CliResult r = RunOk("sweep", "--coders", "bb-is", "--particles", "2", "--symbols", "10", "--no-plots", "--backend", "ilgpu-cpu", "-o", P("s"));
        Assert.That(r.Out, Does.Contain("backend ilgpu-cpu"));
        Assert.That(File.ReadAllLines(P("s/runs.csv"))[1].Split(',')[19], Is.EqualTo("ok"));
    }
}

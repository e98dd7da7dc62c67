// Issue 10, in process: error lines escape control characters and cap untrusted strings; the decode budget
// can be raised (--max-work) and honest messages still round-trip; output files are never clobbered — a
// device or FIFO target is written directly, a file that appears while writing survives without --force,
// long output names work, stale temporaries of a dead mcbits are removed, and `train --out` keeps an
// existing checkpoint unless --force.
using System.Diagnostics;
using Engine.Ans.Messages;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Tests;

internal sealed class HostileInputTests : CliHarness
{
    private static readonly int LimitExceeded = ExitCodes.ForMessage(McbErrorKind.LimitExceeded);

    [SetUp]
    public void MakeMessage()
    {
        RunOk("sample", "-m", "toy-mixture", "--symbols", "300", "-o", P("data.bin"));
        RunOk("compress", P("data.bin"), "-m", "toy-mixture", "-o", P("good.mcb"), "-c", "bb-is", "-N", "8", "--chains", "2");
    }

    [Test]
    public void MessageStringsAreEscapedAndCappedInTheErrorLine()
    {
        McbMessage m = McbMessageFile.Read(P("good.mcb"));
        string evil = "\u001b]0;owned\u0007\u001b[2J" + new string('A', 1_000_000);
        var bad = new McbMessage
        {
            Coder = m.Coder, CoderParameters = m.CoderParameters, Model = evil, ModelFingerprint = new byte[1 << 20], Backend = evil,
            SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = m.Tails, DataChecksum = m.DataChecksum, Extra = m.Extra,
        };
        File.WriteAllBytes(P("evil.mcb"), McbMessageFile.ToBytes(bad));
        CliResult r = Run("decompress", P("evil.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, null, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Not.Contain("\u001b").And.Not.Contain("\u0007"));
        Assert.That(r.ErrorLines[0], Does.Contain("\\x1B"));
        Assert.That(r.ErrorLines[0], Has.Length.LessThan(CommandGuard.MaxLineChars + 100));
    }

    [Test]
    public void FileNamesAreEscapedAndCappedInTheErrorLine()
    {
        string name = P("x\u001b[31m" + new string('n', 150) + ".mcb");
        File.WriteAllText(name, "not a message");
        CliResult r = Run("decompress", name, "-o", P("out.bin"));
        AssertCleanFailure(r, ExitCodes.ForMessage(McbErrorKind.BadMagic), P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Not.Contain("\u001b").And.Contain("x\\x1B[31m"));
        Assert.That(CommandGuard.SafeLine("a\u001bb\nc" + new string('z', 5000)), Has.Length.LessThan(CommandGuard.MaxLineChars + 40));
    }

    [Test]
    public void MaxWorkRaisesTheBudgetAndHonestMessagesRoundTrip()
    {
        // 300 symbols x 8 particles = 2400 particle-steps.
        CliResult r = Run("decompress", P("good.mcb"), "-o", P("out.bin"), "--max-work", "2399");
        AssertCleanFailure(r, LimitExceeded, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("2400 particle-steps").And.Contain("--max-work"));
        RunOk("decompress", P("good.mcb"), "-o", P("out.bin"), "--max-work", "2400");
        Assert.That(File.ReadAllBytes(P("out.bin")), Is.EqualTo(File.ReadAllBytes(P("data.bin"))));
        r = Run("decompress", P("good.mcb"), "-o", P("out2.bin"), "--max-particles", "15");
        AssertCleanFailure(r, LimitExceeded, P("out2.bin"));
    }

    [Test]
    public void CompressWarnsAboveTheDefaultBudgetAndTheFlagItNamesDecodes()
    {
        // 257 chains x 4,096 particles = 1,052,672 live particles, just above the default 2^20.
        RunOk("sample", "--symbols", "257", "-o", P("w.bin"));
        CliResult c = Run("compress", P("w.bin"), "-m", "toy-mixture", "-o", P("w.mcb"), "-c", "bb-is", "-N", "4096", "--chains", "257");
        Assert.That(c.ExitCode, Is.Zero, c.ToString());
        Assert.That(c.ErrorLines, Has.Length.EqualTo(1), c.ToString());
        Assert.That(c.ErrorLines[0], Does.StartWith("mcbits: warning: ").And.EndWith("decompress it with --max-particles 1052672"));
        AssertCleanFailure(Run("decompress", P("w.mcb"), "-o", P("w.out")), LimitExceeded, P("w.out"));
        RunOk("decompress", P("w.mcb"), "-o", P("w.out"), "--max-particles", "1052672");
        Assert.That(File.ReadAllBytes(P("w.out")), Is.EqualTo(File.ReadAllBytes(P("w.bin"))));
    }

    [Test]
    public void DeviceTargetIsWrittenDirectlyAndNeedsForce()
    {
        CliResult r = Run("decompress", P("good.mcb"), "-o", "/dev/null");
        Assert.That(r.ExitCode, Is.EqualTo(ExitCodes.Failed), r.ToString());
        Assert.That(r.ErrorLines[0], Does.Contain("already exists"));
        RunOk("decompress", P("good.mcb"), "-o", "/dev/null", "--force");
        Assert.That(FileKind.IsSpecial("/dev/null"), Is.True, "/dev/null is still a device, not a renamed regular file");
    }

    [Test]
    public void FifoTargetIsWrittenDirectlyNotReplaced()
    {
        string fifo = P("pipe");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        Assume.That(File.Exists(fifo) && FileKind.IsSpecial(fifo), "mkfifo available");
        Task<byte[]> reader = Task.Run(() => File.ReadAllBytes(fifo));
        RunOk("decompress", P("good.mcb"), "-o", fifo, "--force");
        Assert.That(reader.Wait(TimeSpan.FromSeconds(30)), Is.True, "reader finished");
        Assert.That(reader.Result, Is.EqualTo(File.ReadAllBytes(P("data.bin"))));
        Assert.That(FileKind.IsSpecial(fifo), Is.True, "still a FIFO");
        Assert.That(Directory.GetFiles(Dir, "*.tmp"), Is.Empty);
    }

    [Test]
    public void FileThatAppearsWhileWritingSurvivesWithoutForce()
    {
        string target = P("race.bin");
        var e = Assert.Throws<CliException>(() => AtomicFile.Write(target, s =>
        {
            File.WriteAllText(target, "the other writer");
            s.Write([1, 2, 3]);
        }, force: false));
        Assert.That(e!.Message, Does.Contain("already exists"));
        Assert.That(File.ReadAllText(target), Is.EqualTo("the other writer"));
        Assert.That(Directory.GetFiles(Dir, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        AtomicFile.Write(target, s => s.Write([1, 2, 3]), force: true);
        Assert.That(File.ReadAllBytes(target), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void LongOutputNameWorks()
    {
        string name = P(new string('o', 220) + ".mcb");
        RunOk("compress", P("data.bin"), "-m", "toy-mixture", "-o", name, "-c", "bb-is", "-N", "2");
        RunOk("decompress", name, "-o", P(new string('d', 220)));
        Assert.That(File.ReadAllBytes(P(new string('d', 220))), Is.EqualTo(File.ReadAllBytes(P("data.bin"))));
    }

    [Test]
    public void StaleTemporariesOfADeadMcbitsAreRemoved()
    {
        int dead = DeadPid();
        string stale = P($"{AtomicFile.TempPrefix}{dead}-0badf00d{AtomicFile.TempSuffix}");
        string live = P($"{AtomicFile.TempPrefix}{Environment.ProcessId}-00000001{AtomicFile.TempSuffix}");
        string foreign = P(".other.tmp");
        foreach (string f in new[] { stale, live, foreign }) File.WriteAllText(f, "x");
        RunOk("sample", "--symbols", "10", "-o", P("s.bin"));
        Assert.That(File.Exists(stale), Is.False, "a dead process's temp is removed");
        Assert.That(File.Exists(live), Is.True, "a running process's temp is kept");
        Assert.That(File.Exists(foreign), Is.True, "files of other programs are not touched");
        File.Delete(live);
        File.Delete(foreign);
    }

    [Test]
    public void TrainKeepsAnExistingCheckpointWithoutForce()
    {
        File.WriteAllText(P("old.ckpt"), "precious");
        CliResult r = Run("train", "vae", "--data", P("no-data"), "--epochs", "1", "--out", P("old.ckpt"));
        AssertCleanFailure(r, ExitCodes.Failed, null);
        Assert.That(r.ErrorLines[0], Does.Contain("already exists").And.Contain("--force"));
        Assert.That(File.ReadAllText(P("old.ckpt")), Is.EqualTo("precious"));
    }

    private static int DeadPid()
    {
        for (int pid = 4_000_000; pid > 100_000; pid -= 7919)
        {
            if (!Directory.Exists($"/proc/{pid}")) return pid;
        }
        Assert.Inconclusive("no free pid found");
        return 0;
    }
}

// AtomicFile (a failing write leaves neither a temp file nor a changed target), CommandGuard's mapping of
// failures to exit codes and one-line messages, and decompress's default output name.
using Engine.Ans.Messages;
using Engine.Cli.Commands;
using Engine.Cli.Infrastructure;
using Engine.Gpu;

namespace Engine.Cli.Tests;

internal sealed class InfrastructureTests : CliHarness
{
    [Test]
    public void AtomicWriteReplacesTheTarget()
    {
        File.WriteAllText(P("t.txt"), "old");
        AtomicFile.WriteAllBytes(P("t.txt"), "new"u8);
        Assert.That(File.ReadAllText(P("t.txt")), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(Dir), Has.Length.EqualTo(1));
    }

    [Test]
    public void FailedAtomicWriteLeavesNothingBehind()
    {
        File.WriteAllText(P("t.txt"), "old");
        Assert.That(() => AtomicFile.Write(P("t.txt"), s =>
        {
            s.Write("partial"u8);
            throw new IOException("disk full");
        }), Throws.InstanceOf<IOException>());
        Assert.That(File.ReadAllText(P("t.txt")), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(Dir), Has.Length.EqualTo(1));

        Assert.That(() => AtomicFile.Write(P("new.txt"), _ => throw new InvalidOperationException("boom")), Throws.InvalidOperationException);
        Assert.That(File.Exists(P("new.txt")), Is.False);
        Assert.That(Directory.GetFiles(Dir), Has.Length.EqualTo(1));
    }

    [Test]
    public void AtomicWriteIntoAMissingDirectoryFails() =>
        Assert.That(() => AtomicFile.WriteAllBytes(P("no/such/file"), [1]), Throws.InstanceOf<DirectoryNotFoundException>());

    [Test]
    public void GuardMapsFailuresToCodes()
    {
        Assert.That(CommandGuard.Describe(new McbFormatException(McbErrorKind.StateMismatch, "x")).Code, Is.EqualTo(15));
        Assert.That(CommandGuard.Describe(new CliException("x", 4)).Code, Is.EqualTo(4));
        Assert.That(CommandGuard.Describe(new BackendUnavailableException(BackendKind.Cuda, "no device")).Code, Is.EqualTo(ExitCodes.BackendUnavailable));
        Assert.That(CommandGuard.Describe(new FileNotFoundException("gone", "a.bin")).Text, Does.Contain("a.bin"));
        Assert.That(CommandGuard.Describe(new IOException("x")).Code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(CommandGuard.Describe(new NullReferenceException()).Code, Is.EqualTo(ExitCodes.Internal));
    }

    [TestCase("a.mcb", "a")]
    [TestCase("dir/b.MCB", "dir/b")]
    [TestCase("c.bin", "c.bin.out")]
    [TestCase(".mcb", ".mcb.out")]
    public void DecompressDefaultOutput(string input, string expected) =>
        Assert.That(DecompressCommand.DefaultOutput(input), Is.EqualTo(expected));

    [Test]
    public void HelpListsEveryCommand()
    {
        CliResult r = Run("--help");
        Assert.That(r.ExitCode, Is.Zero);
        foreach (string c in new[] { "sample", "compress", "decompress", "sweep", "profile", "train" })
            Assert.That(r.Out, Does.Contain(c));
    }
}

// Replays every committed fuzz input through the same target classes afl-fuzz runs (fuzz/Engine.Fuzz): each
// seed of tests/Fuzz/corpus must be accepted (a valid file the readers and decoders take whole), and each
// input of tests/Fuzz/regressions (a bug a fuzz run found, since fixed) must end in the reader's typed error
// or be accepted, within the target's allocation cap and the hang guard. The message seeds must include every
// format version this build reads, so afl starts from each version's field checks. No afl++ or network needed.
using Engine.Ans.Messages;
using Engine.Fuzz;

namespace Engine.Fuzz.Tests;

public class CorpusReplayTests
{
    private static IEnumerable<TestCaseData> Inputs(string kind) =>
        FuzzTarget.Names.SelectMany(t => FuzzFiles.Files(kind, t).Select(f =>
            new TestCaseData(t, Path.GetFileName(f)).SetName($"{kind}/{t}/{Path.GetFileName(f)}")));

    private static IEnumerable<TestCaseData> Seeds() => Inputs("corpus");

    private static IEnumerable<TestCaseData> Regressions() => Inputs("regressions");

    [TestCaseSource(nameof(Seeds))]
    public void SeedIsAccepted(string target, string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(FuzzFiles.Root, "corpus", target, file));
        (FuzzOutcome outcome, _) = HangGuard.Run(FuzzFiles.Target(target), input);
        Assert.That(outcome, Is.EqualTo(FuzzOutcome.Accepted), $"refused with {FuzzFiles.Target(target).LastRefusal}");
    }

    [TestCaseSource(nameof(Regressions))]
    public void RegressionInputEndsInATypedErrorOrIsAccepted(string target, string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(FuzzFiles.Root, "regressions", target, file));
        // A finding (an untyped exception, the allocation cap, a wrong result) throws out of Run.
        Assert.That(() => HangGuard.Run(FuzzFiles.Target(target), input), Throws.Nothing);
    }

    [Test]
    public void EveryTargetHasSeeds()
    {
        foreach (string target in FuzzTarget.Names)
            Assert.That(FuzzFiles.Files("corpus", target), Is.Not.Empty, $"tests/Fuzz/corpus/{target} is empty");
    }

    [Test]
    public void MessageSeedsCoverEveryFormatVersion()
    {
        var versions = FuzzFiles.Files("corpus", "message")
            .Select(f => McbMessageFile.Read(new MemoryStream(File.ReadAllBytes(f), writable: false)).FormatVersion)
            .ToHashSet();
        int[] supported = Enumerable.Range(McbMessage.OldestVersion, McbMessage.CurrentVersion - McbMessage.OldestVersion + 1).ToArray();
        Assert.That(versions, Is.EquivalentTo(supported), "tests/Fuzz/corpus/message needs seeds of every version the reader accepts");
    }
}

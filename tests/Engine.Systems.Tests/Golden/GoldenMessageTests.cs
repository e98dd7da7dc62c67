// Golden messages: every committed message of every format version decodes to its committed input,
// and re-encoding that input with the case's options reproduces the message byte for byte (re-encoding
// identity is pinned per version). A change that breaks either is a format change (docs/format.md).
using Engine.Ans.Messages;

namespace Engine.Systems.Tests.Golden;

public class GoldenMessageTests
{
    private static IEnumerable<GoldenCase> V1 => GoldenSet.V1;

    [TestCaseSource(nameof(V1))]
    public void Version1MessageDecodesToItsInput(GoldenCase c)
    {
        byte[] input = File.ReadAllBytes(GoldenCoding.InputPath(GoldenSet.Directory, c));
        McbMessage message = McbMessageFile.Read(GoldenCoding.MessagePath(GoldenSet.Directory, c));
        Assert.That(GoldenCoding.Decode(c, message), Is.EqualTo(input));
    }

    [TestCaseSource(nameof(V1))]
    public void Version1ReEncodesByteForByte(GoldenCase c)
    {
        byte[] input = File.ReadAllBytes(GoldenCoding.InputPath(GoldenSet.Directory, c));
        byte[] expected = File.ReadAllBytes(GoldenCoding.MessagePath(GoldenSet.Directory, c));
        Assert.That(McbMessageFile.ToBytes(GoldenCoding.Encode(c, input)), Is.EqualTo(expected));
    }

    [Test]
    public void EveryCataloguedFileIsCommitted()
    {
        foreach (GoldenCase c in GoldenSet.V1)
        {
            Assert.That(File.Exists(GoldenCoding.InputPath(GoldenSet.Directory, c)), c.Name);
            Assert.That(File.Exists(GoldenCoding.MessagePath(GoldenSet.Directory, c)), c.Name);
        }
        Assert.That(Directory.GetFiles(GoldenSet.Directory, "*.mcb"), Has.Length.EqualTo(GoldenSet.V1.Count), "no stray or missing messages");
    }
}

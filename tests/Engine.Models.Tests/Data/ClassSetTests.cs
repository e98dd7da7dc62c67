// ClassSet parsing and printing.
using Engine.Models.Data;

namespace Engine.Models.Tests.Data;

public class ClassSetTests
{
    [TestCase("all", 0x3FF, "all")]
    [TestCase("0-4", 0x01F, "0-4")]
    [TestCase("5-9", 0x3E0, "5-9")]
    [TestCase(" 0, 2 ,7-9", 0x385, "0,2,7-9")]
    [TestCase("3", 0x008, "3")]
    public void ParsesAndPrints(string text, int mask, string canonical)
    {
        var s = ClassSet.Parse(text);
        Assert.That(s.Mask, Is.EqualTo(mask));
        Assert.That(s.ToString(), Is.EqualTo(canonical));
        Assert.That(ClassSet.Parse(s.ToString()), Is.EqualTo(s));
    }

    [TestCase("")]
    [TestCase("10")]
    [TestCase("4-2")]
    [TestCase("a-b")]
    [TestCase("1--2")]
    public void RejectsBadText(string text) => Assert.Throws<FormatException>(() => ClassSet.Parse(text));

    [Test]
    public void ComplementSplitsTheTenClasses()
    {
        Assert.That(ClassSet.Lower.Complement, Is.EqualTo(ClassSet.Upper));
        Assert.That(ClassSet.All.Complement.IsEmpty, Is.True);
        Assert.That(ClassSet.Upper.Contains(10), Is.False);
        Assert.That(ClassSet.Upper.Contains(-1), Is.False);
    }
}

// DiscreteModelFile on bad files: every way a model file can be wrong ends in exactly one
// ModelFileException whose Field is the JSON path of the culprit and whose Reason says what is wrong —
// invalid JSON, empty file, wrong top-level value, unknown / duplicate / missing keys, wrong types, wrong row
// lengths and counts, negative, NaN, infinite and overflowing numbers, all-zero rows, out-of-range sizes and
// precisions, fields the kind forbids, and the proposal-table cap.
using System.Text;
using Engine.Modeling.Discrete;

namespace Engine.Modeling.Tests.Discrete;

public class DiscreteModelFileErrorTests
{
    private static ModelFileException Fails(string json, string field, string reason)
    {
        ModelFileException e = Assert.Throws<ModelFileException>(() => DiscreteModelFile.Parse(json))!;
        Assert.That(e.Field, Is.EqualTo(field), e.Message);
        Assert.That(e.Reason, Does.Contain(reason), e.Message);
        Assert.That(e.Message, Does.StartWith(field + ": "));
        Assert.That(e.Message, Does.Not.Contain("\n"));
        return e;
    }

    // ---- syntax -------------------------------------------------------------------------------------

    [TestCase("")]
    [TestCase("  \n\t ")]
    public void EmptyFile(string json) => Fails(json, "$", "the file is empty");

    [TestCase("{\"kind\": \"hmm\",}", "$")]
    [TestCase("{\"kind\": \"hmm\"", "$")]
    [TestCase("{\"kind\" \"hmm\"}", "$")]
    [TestCase("{\"prior\": [1, 2,, 3]}", "prior")]
    [TestCase("{\"emission\": [[1, 2], [1 2]]}", "emission[1]")]
    [TestCase("{\"prior\": [1, 2] /* comment */}", "$")]
    [TestCase("{\"prior\": [01]}", "prior")]
    [TestCase("{\"prior\": [NaN]}", "prior")]
    [TestCase("{\"kind\": 'hmm'}", "kind")]
    public void InvalidJson(string json, string field) => Fails(json, field, "invalid JSON");

    [Test]
    public void InvalidJsonReportsTheLine()
    {
        ModelFileException e = Fails(ModelJson.Hmm(("emission", "[[1, 2, 3] [3, 2, 1]]")), "emission", "invalid JSON");
        Assert.That(e.Line, Is.EqualTo(6));
    }

    [TestCase("[1, 2]", "found an array")]
    [TestCase("\"hmm\"", "found a string")]
    [TestCase("42", "found the number 42")]
    [TestCase("null", "found null")]
    public void TheFileMustHoldAnObject(string json, string reason) => Fails(json, "$", reason);

    [Test]
    public void ContentAfterTheObject() => Fails(ModelJson.Hmm() + "{}", "$", "invalid JSON");

    [Test]
    public void InvalidUtf8InAString()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];
        ModelFileException e = Assert.Throws<ModelFileException>(() => DiscreteModelFile.Parse(bytes))!;
        Assert.That(e.Field, Is.EqualTo("name").Or.EqualTo("$"), e.Message);
    }

    [Test]
    public void ALoneSurrogateInAString() => Fails(ModelJson.Hmm(("name", "\"\\ud800\"")), "name", "not valid Unicode text");

    // ---- keys ---------------------------------------------------------------------------------------

    [Test]
    public void UnknownKey()
    {
        ModelFileException e = Fails(ModelJson.Hmm(("emision", "[[1]]")), "emision", "unknown key");
        Assert.That(e.Reason, Does.Contain("\"emission\""), "lists the keys a file may have");
        Assert.That(e.Line, Is.EqualTo(8));
    }

    [Test]
    public void KeysAreCaseSensitive() => Fails(ModelJson.Hmm(("Prior", "[1, 1]")), "Prior", "unknown key");

    [Test]
    public void DuplicateKey()
    {
        string json = ModelJson.Hmm().Replace("\"prior\": [1, 3],", "\"prior\": [1, 3],\n  \"prior\": [3, 1],", StringComparison.Ordinal);
        ModelFileException e = Fails(json, "prior", "duplicate key");
        Assert.That(e.Line, Is.EqualTo(5));
    }

    [Test]
    public void DuplicateKeyWrittenWithAnEscape()
    {
        string json = ModelJson.Hmm().Replace("\"prior\": [1, 3],", "\"prior\": [1, 3],\n  \"pr\\u0069or\": [3, 1],", StringComparison.Ordinal);
        Fails(json, "prior", "duplicate key");
    }

    [TestCase("kind", "an HMM or a mixture", "\"hmm\" or \"mixture\"")]
    [TestCase("prior", "", "K non-negative numbers")]
    [TestCase("emission", "", "K rows of V")]
    [TestCase("proposal", "", "\"locally-optimal\"")]
    [TestCase("sequence_length", "", "steps T")]
    [TestCase("transition", "", "K rows of K")]
    public void RequiredKeyMissing(string key, string _, string reason)
    {
        ModelFileException e = Fails(ModelJson.Hmm((key, null)), key, "required but missing");
        Assert.That(e.Reason, Does.Contain(reason));
    }

    [TestCase("kind")]
    [TestCase("prior")]
    [TestCase("emission")]
    [TestCase("proposal")]
    public void RequiredForAMixtureToo(string key) => Fails(ModelJson.Mixture((key, null)), key, "required but missing");

    [Test]
    public void AMixtureHasNoTransition() =>
        Fails(ModelJson.Mixture(("transition", "[[1, 1], [1, 1]]")), "transition", "a mixture has no transition");

    [TestCase("2")]
    [TestCase("0")]
    public void AMixtureHasOneStep(string t) => Fails(ModelJson.Mixture(("sequence_length", t)), "sequence_length", "a mixture codes one symbol per unit");

    // ---- types --------------------------------------------------------------------------------------

    [TestCase("kind", "1", "expected a string")]
    [TestCase("kind", "\"HMM\"", "is not a kind")]
    [TestCase("sequence_length", "\"4\"", "expected an integer, found a string")]
    [TestCase("sequence_length", "4.5", "expected an integer, found 4.5")]
    [TestCase("sequence_length", "true", "found a boolean")]
    [TestCase("prior", "{}", "expected an array of numbers, found an object")]
    [TestCase("prior", "3", "expected an array of numbers, found the number 3")]
    [TestCase("transition", "null", "expected an array of rows")]
    [TestCase("proposal", "3", "expected \"uniform\"")]
    [TestCase("proposal", "\"optimal\"", "is not a proposal")]
    [TestCase("precision", "12.0", "expected an integer")]
    [TestCase("name", "7", "expected a string")]
    public void WrongType(string key, string value, string reason) => Fails(ModelJson.Hmm((key, value)), key, reason);

    [TestCase("emission", "[1, 2, 3]", "emission[0]", "expected an array of numbers, found the number 1")]
    [TestCase("prior", "[1, [2]]", "prior[1]", "expected a number, found an array")]
    [TestCase("prior", "[1, \"2\"]", "prior[1]", "expected a number, found the string \"2\"")]
    [TestCase("prior", "[1, null]", "prior[1]", "found null")]
    [TestCase("transition", "[[1, 1], [1, true]]", "transition[1][1]", "found a boolean")]
    [TestCase("prior", "[[[[[[[[[[1]]]]]]]]]]", "prior[0]", "expected a number, found an array")]
    public void WrongTypeInside(string key, string value, string field, string reason) => Fails(ModelJson.Hmm((key, value)), field, reason);

    // ---- numbers ------------------------------------------------------------------------------------

    [TestCase("[1, -1]", "prior[1]", "-1 is negative")]
    [TestCase("[1, -0.5e-3]", "prior[1]", "is negative")]
    [TestCase("[1, \"NaN\"]", "prior[1]", "no NaN or infinity")]
    [TestCase("[1, \"Infinity\"]", "prior[1]", "no NaN or infinity")]
    [TestCase("[1, \"-Infinity\"]", "prior[1]", "no NaN or infinity")]
    [TestCase("[1, 1e400]", "prior[1]", "1e400 is not a finite number")]
    [TestCase("[1, -1e400]", "prior[1]", "is not a finite number")]
    [TestCase("[0, 0]", "prior", "every number is 0")]
    [TestCase("[1e308, 1e308]", "prior", "more than a double holds")]
    [TestCase("[5e-324, 0]", "prior", "too small to normalise")]
    [TestCase("[]", "prior", "is empty")]
    public void BadNumbersInThePrior(string prior, string field, string reason) => Fails(ModelJson.Hmm(("prior", prior)), field, reason);

    [Test]
    public void AllZeroEmissionRow() => Fails(ModelJson.Hmm(("emission", "[[1, 2, 3], [0, 0, 0]]")), "emission[1]", "every number is 0");

    [Test]
    public void AllZeroTransitionRow() => Fails(ModelJson.Hmm(("transition", "[[0, 0], [1, 1]]")), "transition[0]", "every number is 0");

    [Test]
    public void AllZeroProposalRow() => Fails(ModelJson.Hmm(("proposal", "[[1, 1], [0, 0], [1, 1]]")), "proposal[1]", "every number is 0");

    [Test]
    public void NegativeInATable() => Fails(ModelJson.Hmm(("transition", "[[3, 1], [1, -2]]")), "transition[1][1]", "negative");

    // ---- shapes -------------------------------------------------------------------------------------

    [TestCase("emission", "[[1, 2, 3], [3, 2]]", "emission[1]", "has 2 numbers; expected V = 3 (the length of emission[0])")]
    [TestCase("emission", "[[1, 2, 3]]", "emission", "has 1 row; it needs one per latent state: K = 2")]
    [TestCase("emission", "[[1, 2, 3], [3, 2, 1], [1, 1, 1]]", "emission", "has 3 rows")]
    [TestCase("emission", "[[], []]", "emission[0]", "is empty")]
    [TestCase("transition", "[[3, 1, 1], [1, 1, 1]]", "transition[0]", "has 3 numbers; expected K = 2 (the length of prior)")]
    [TestCase("transition", "[[3, 1]]", "transition", "has 1 row;")]
    [TestCase("proposal", "[[1, 1], [1, 1]]", "proposal", "has 2 rows; it needs one per symbol, q(z | x): V = 3")]
    [TestCase("proposal", "[[1, 1], [1, 1], [1, 1, 1]]", "proposal[2]", "has 3 numbers; expected K = 2")]
    public void WrongRowLengthsAndCounts(string key, string value, string field, string reason) => Fails(ModelJson.Hmm((key, value)), field, reason);

    [Test]
    public void MoreThan256Symbols()
    {
        string row = "[" + string.Join(",", Enumerable.Repeat("1", 257)) + "]";
        Fails(ModelJson.Hmm(("emission", $"[{row}, {row}]")), "emission[0]", "too many numbers: at most 256 (V <= 256 symbols, one byte each)");
    }

    [Test]
    public void MoreThan4096Latents()
    {
        string prior = "[" + string.Join(",", Enumerable.Repeat("1", 4097)) + "]";
        Fails(ModelJson.Hmm(("prior", prior)), "prior", "too many numbers: at most 4096 (K <= 4096 latent states)");
    }

    [Test]
    public void MoreThan256ProposalRows()
    {
        string rows = "[" + string.Join(",", Enumerable.Repeat("[1, 1]", 257)) + "]";
        Fails(ModelJson.Hmm(("proposal", rows)), "proposal", "too many rows: at most 256 (V <= 256 symbols, one byte each)");
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("4097")]
    [TestCase("99999999999999999999")]
    public void SequenceLengthOutOfRange(string t) => Fails(ModelJson.Hmm(("sequence_length", t)), "sequence_length", t.Length > 10 ? "expected an integer" : "out of range");

    [TestCase("0", "out of range")]
    [TestCase("25", "out of range")]
    public void PrecisionOutOfRange(string r, string reason) => Fails(ModelJson.Hmm(("precision", r)), "precision", reason);

    [Test]
    public void PrecisionTooSmallForK() =>
        Fails(ModelJson.Hmm(("prior", "[1, 1, 1]"), ("transition", "[[1, 1, 1], [1, 1, 1], [1, 1, 1]]"),
            ("emission", "[[1], [1], [1]]"), ("precision", "1")), "precision", "2^1 = 2 is less than K = 3");

    [Test]
    public void LocallyOptimalTableOverTheCap()
    {
        // K = 4096, V = 5: K·V·K = 83,886,080 entries > 2^26. The check comes before the (absent) transition is read.
        string prior = "[" + string.Join(",", Enumerable.Repeat("1", 4096)) + "]";
        string emission = "[" + string.Join(",", Enumerable.Repeat("[1,1,1,1,1]", 4096)) + "]";
        ModelFileException e = Fails(ModelJson.Hmm(("prior", prior), ("emission", emission), ("transition", null), ("proposal", "\"locally-optimal\"")),
            "proposal", "83886080 entries, over the limit of 67108864 (2^26) entries per table");
        Assert.That(e.Reason, Does.Contain("\"bootstrap\""), "suggests a way out");
    }

    [TestCase("\"\"")]
    [TestCase("\"a\\nb\"")]
    public void BadName(string name) => Fails(ModelJson.Hmm(("name", name)), "name", "1 to 64 characters");

    [Test]
    public void NameTooLong() => Fails(ModelJson.Hmm(("name", "\"" + new string('n', 65) + "\"")), "name", "1 to 64 characters");

    [Test]
    public void ParseRefusesTooManyBytes()
    {
        var bytes = new byte[DiscreteModelFile.MaxFileBytes + 1];
        bytes.AsSpan().Fill((byte)' ');
        ModelFileException e = Assert.Throws<ModelFileException>(() => DiscreteModelFile.Parse(bytes))!;
        Assert.That(e.Reason, Does.Contain("64 MiB limit"));
    }
}

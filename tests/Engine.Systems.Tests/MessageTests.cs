// The message an encode produces: what it records, that it survives the file format, that encoding is
// deterministic, and that every kind of damage or mismatch is caught by decode as a typed error instead
// of returning wrong data.
using Engine.Ans.Messages;
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class MessageTests
{
    private static readonly CoderOptions Smc = new() { Kind = CoderKind.BbSmc, Particles = 8, Chains = 3, Seed = 11, Resampling = ResamplingMode.Adaptive };

    [Test]
    public void TheMessageRecordsCoderModelSplitSeedAndChecksum()
    {
        ToyModel model = TestModels.Hmm;
        byte[] data = model.Sample(7, 1);
        McbMessage m = McBitsCodec.Encode(data, model, Smc).Message;
        Assert.That(m.Coder, Is.EqualTo("BB-SMC"));
        Assert.That(m.CoderParameters["particles"], Is.EqualTo("8"));
        Assert.That(m.CoderParameters["resampling"], Is.EqualTo("Adaptive"));
        Assert.That(m.Model, Is.EqualTo(model.Description));
        Assert.That(m.ModelFingerprint, Is.EqualTo(McBitsCodec.FingerprintBytes(model)));
        Assert.That(m.Backend, Is.EqualTo("cpu"));
        // Seven sequences over three chains: contiguous runs of 3, 2 and 2 sequences.
        Assert.That(m.SymbolCounts, Is.EqualTo(new long[] { 30, 20, 20 }));
        Assert.That(m.Seed, Is.EqualTo(11UL));
        // Format version 2: XXH64 of the data seeded with XXH64 of its dimensions, 7 sequences x 10 steps x 1 symbol.
        Assert.That(m.FormatVersion, Is.EqualTo(McbMessage.CurrentVersion));
        byte[] dims = new long[] { 7, 10, 1 }.SelectMany(BitConverter.GetBytes).ToArray();
        Assert.That(BitConverter.IsLittleEndian, Is.True);
        Assert.That(m.DataChecksum, Is.EqualTo(DataChecksum.Compute(data, DataChecksum.Compute(dims))));
    }

    [Test]
    public void TheMessageSurvivesTheFileFormatAndDecodesWithoutNamingTheModel()
    {
        ToyModel model = TestModels.Get("mixture:seed=4,proposal=informed");
        byte[] data = model.Sample(300, 2);
        EncodeResult r = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbCis, Particles = 16, Chains = 5 });
        byte[] file = McbMessageFile.ToBytes(r.Message);
        Assert.That(r.FileBytes, Is.EqualTo(file.Length));
        McbMessage read = McbMessageFile.Read(file);
        Assert.That(McBitsCodec.Decode(read), Is.EqualTo(data));
    }

    [Test]
    public void EncodingIsDeterministicAndTheSeedChangesOnlyTheBits()
    {
        ToyModel model = TestModels.Hmm;
        byte[] data = model.Sample(9, 3);
        byte[] a = McbMessageFile.ToBytes(McBitsCodec.Encode(data, model, Smc).Message);
        byte[] b = McbMessageFile.ToBytes(McBitsCodec.Encode(data, model, Smc).Message);
        Assert.That(a, Is.EqualTo(b));
        EncodeResult other = McBitsCodec.Encode(data, model, Smc with { Seed = 12 });
        Assert.That(McbMessageFile.ToBytes(other.Message), Is.Not.EqualTo(a));
        Assert.That(McBitsCodec.Decode(other.Message, model), Is.EqualTo(data));
    }

    [Test]
    public void AnotherModelIsRefused()
    {
        byte[] data = TestModels.Hmm.Sample(4, 4);
        McbMessage m = McBitsCodec.Encode(data, TestModels.Hmm, Smc).Message;
        var e = Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(m, TestModels.Get("hmm:seed=2")));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    [Test]
    public void EveryFlippedTailBitIsCaught()
    {
        ToyModel model = TestModels.Mixture;
        byte[] data = model.Sample(40, 5);
        McbMessage m = McBitsCodec.Encode(data, model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 4, Chains = 2 }).Message;
        int tested = 0;
        for (int chain = 0; chain < 2; chain++)
            for (int word = 0; word < m.Tails[chain].Length; word++)
                foreach (int bit in new[] { 0, 13, 31 })
                {
                    uint[][] tails = m.Tails.Select(t => (uint[])t.Clone()).ToArray();
                    tails[chain][word] ^= 1u << bit;
                    McbMessage bad = With(m, tails: tails);
                    Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(bad, model), $"chain {chain} word {word} bit {bit}");
                    tested++;
                }
        Assert.That(tested, Is.GreaterThan(20));
    }

    [Test]
    public void DamagedHeadsTruncatedTailsAndForgedParametersAreCaught()
    {
        ToyModel model = TestModels.Hmm;
        byte[] data = model.Sample(6, 6);
        McbMessage m = McBitsCodec.Encode(data, model, Smc).Message;
        ulong[] heads = (ulong[])m.Heads.Clone();
        heads[1] ^= 1UL << 40;
        Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, heads: heads), model));
        uint[][] shorter = m.Tails.Select(t => t.Length > 0 ? t[..^1] : t).ToArray();
        Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, tails: shorter), model));
        var forged = new Dictionary<string, string>(m.CoderParameters) { ["particles"] = "9" };
        Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, parameters: forged), model));
        var garbage = new Dictionary<string, string>(m.CoderParameters) { ["particles"] = "many" };
        Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, parameters: garbage), model))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
        Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, coder: "BB-NOPE"), model))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
        Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, counts: [30, 20, 10]), model))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
        Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(With(m, counts: [20, 20, 25]), model))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
    }

    [Test]
    public void AMessageNamingAnUnknownModelIsAModelMismatch()
    {
        byte[] data = TestModels.Mixture.Sample(3, 7);
        McbMessage m = McBitsCodec.Encode(data, TestModels.Mixture, new CoderOptions()).Message;
        McbMessage bad = new()
        {
            Coder = m.Coder, CoderParameters = m.CoderParameters, Model = "vae:epochs=3", ModelFingerprint = m.ModelFingerprint,
            Backend = m.Backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = m.Tails, DataChecksum = m.DataChecksum,
        };
        Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(bad))!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    private static McbMessage With(McbMessage m, ulong[]? heads = null, uint[][]? tails = null, IReadOnlyDictionary<string, string>? parameters = null,
        string? coder = null, long[]? counts = null) => new()
    {
        Coder = coder ?? m.Coder,
        CoderParameters = parameters ?? m.CoderParameters,
        Model = m.Model,
        ModelFingerprint = m.ModelFingerprint,
        Backend = m.Backend,
        SymbolCounts = counts ?? m.SymbolCounts,
        Seed = m.Seed,
        Heads = heads ?? m.Heads,
        Tails = tails ?? m.Tails,
        DataChecksum = m.DataChecksum,
    };
}

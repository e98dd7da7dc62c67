// TwinRoundTrip: the check every user-model test makes — encode on the CPU twin and decode the file's bytes,
// encode the same on ilgpu-cpu and decode it there, and require the two messages to be the same bytes but for
// the backend's name; and the coder cases every sequence-model test runs.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

internal static class TwinRoundTrip
{
    /// <summary>Every coder that runs on a sequence model, with its N and resampling mode.</summary>
    public static readonly (CoderKind Kind, int N, ResamplingMode Resampling)[] SequenceCoders =
    [
        (CoderKind.BbElbo, 1, ResamplingMode.Always),
        (CoderKind.BbIs, 8, ResamplingMode.Always),
        (CoderKind.BbCis, 8, ResamplingMode.Always),
        (CoderKind.BbSmc, 8, ResamplingMode.Always),
        (CoderKind.BbSmc, 8, ResamplingMode.Adaptive),
        (CoderKind.BbSmc, 8, ResamplingMode.Never),
        (CoderKind.BbCsmc, 8, ResamplingMode.Always),
        (CoderKind.BbCsmc, 8, ResamplingMode.Adaptive),
    ];

    /// <summary><see cref="SequenceCoders"/> on 1 and 64 chains: (kind, N, resampling, chains).</summary>
    public static IEnumerable<TestCaseData> SequenceCases() =>
        from c in SequenceCoders
        from chains in new[] { 1, 64 }
        select new TestCaseData(c.Kind, c.N, c.Resampling, chains);

    /// <summary>Round-trips <paramref name="data"/> on both twins and compares their messages; returns the CPU twin's.</summary>
    public static McbMessage Check(ILatentModel model, byte[] data, CoderOptions options, IRansBackend ilgpu)
    {
        McbMessage cpu = McBitsCodec.Encode(data, model, options).Message;
        Assert.That(McBitsCodec.Decode(McbMessageFile.Read(McbMessageFile.ToBytes(cpu)), model), Is.EqualTo(data));
        McbMessage gpu = McBitsCodec.Encode(data, model, options with { Backend = ilgpu }).Message;
        Assert.That(gpu.Backend, Is.EqualTo("ilgpu-cpu"));
        Assert.That(McbMessageFile.ToBytes(Renamed(gpu, cpu.Backend)), Is.EqualTo(McbMessageFile.ToBytes(cpu)),
            "the twins write the same message but for the backend's name");
        Assert.That(McBitsCodec.Decode(gpu, model, ilgpu), Is.EqualTo(data));
        return cpu;
    }

    /// <summary><paramref name="m"/> as if <paramref name="backend"/> had written it.</summary>
    public static McbMessage Renamed(McbMessage m, string backend) => new()
    {
        FormatVersion = m.FormatVersion, Coder = m.Coder, CoderParameters = m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
        Backend = backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = m.Tails, DataChecksum = m.DataChecksum, Extra = m.Extra,
    };
}

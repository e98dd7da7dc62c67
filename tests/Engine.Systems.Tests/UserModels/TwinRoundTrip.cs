// TwinRoundTrip: the check every user-model test makes — encode on the CPU twin and decode the file's bytes,
// encode the same on ilgpu-cpu and decode it there, and require the two messages to be the same bytes but for
// the backend's name.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

internal static class TwinRoundTrip
{
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

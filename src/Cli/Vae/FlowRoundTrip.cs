// FlowRoundTrip: how the flow sweeps (fashion-cif, toy2d-cif) code one cell — encode, then, unless told not to, read the
// message back from its bytes and decode it under an unlimited budget (our own message, just written), comparing the data.
using Engine.Ans.Messages;
using Engine.Modeling.Flows;
using Engine.Systems;
using Engine.Systems.Flows;

namespace Engine.Cli.Vae;

/// <summary>Encodes and (optionally) round-trips one flow sweep cell.</summary>
internal static class FlowRoundTrip
{
    /// <summary>The encode result, the decode's seconds (NaN when not verified) and whether the data came back (null: not checked).</summary>
    public static (FlowEncodeResult Result, double DecodeSeconds, bool? RoundTrip) Run(byte[] data, ICifModel model, FlowOptions options, bool verify)
    {
        FlowEncodeResult r = FlowCodec.Encode(data, model, options);
        if (!verify) return (r, double.NaN, null);
        try
        {
            using IDisposable own = DecodeBudget.Use(DecodeBudget.Unlimited);
            DecodeResult d = FlowCodec.Decode(McbMessageFile.Read(McbMessageFile.ToBytes(r.Message).AsMemory()), model, options.Backend);
            return (r, d.Seconds, d.Data.AsSpan().SequenceEqual(data));
        }
        catch (McbFormatException)
        {
            return (r, double.NaN, false);
        }
    }
}

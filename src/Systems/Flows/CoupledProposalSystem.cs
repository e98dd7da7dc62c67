// CoupledProposalSystem: the coupled coder's N index particles (BB-CIS over the index). Encode (first after dequantisation)
// pops one shared word per index coordinate — its high 24 bits at the tables' precision, then its 18 spare bits, each a
// whitened raw pop (these are a unit's first pops, reading bits the previous unit pushed) — and walks every particle k = 0 ..
// N-1 down the layers, each coordinate drawn from the word shifted for k (CoupledGridDraw), which leaves the log weights.
// Decode (last before the dequantisation) pushes the words back in the mirror order; CoupledResidualSystem rebuilt them.
namespace Engine.Systems.Flows;

/// <summary>Pops (encode) or pushes (decode) the shared words; encode also draws and weighs every particle.</summary>
internal sealed class CoupledProposalSystem(FlowContext context) : FlowSystem(context, "CoupledProposal")
{
    private const int High = Engine.Ans.Quantization.GridGaussian.Precision, Low = Engine.Ans.Quantization.CoupledGridDraw.SpareBits;

    protected override void Encode(int unitStep)
    {
        FlowContext c = Ctx;
        int active = c.ActiveLanes;
        for (int l = c.L - 1; l >= 0; l--)
            for (int j = c.U - 1; j >= 0; j--)
            {
                Span<ulong> words = c.CoupledWord(l, j);
                Pop(High);
                for (int b = 0; b < active; b++) words[b] = (ulong)c.Cf[b] << Low;
                Pop(Low);
                for (int b = 0; b < active; b++) words[b] |= c.Cf[b];
            }
        for (int k = 0; k < c.N; k++) c.WalkParticle(k, ParticleDraw.Coupled);
    }

    protected override void Decode(int unitStep)
    {
        FlowContext c = Ctx;
        int active = c.ActiveLanes;
        for (int l = 0; l < c.L; l++)
            for (int j = 0; j < c.U; j++)
            {
                ReadOnlySpan<ulong> words = c.CoupledWord(l, j);
                for (int b = 0; b < active; b++) (c.Starts[b], c.Freqs[b]) = ((uint)(words[b] & ((1UL << Low) - 1)), 1);
                c.PushIntervals(Low);
                for (int b = 0; b < active; b++) (c.Starts[b], c.Freqs[b]) = ((uint)(words[b] >> Low), 1);
                c.PushIntervals(High);
            }
    }

    // A raw pop of `bits` bits on every active lane, whitened first; the value is left in Cf.
    private void Pop(int bits)
    {
        FlowContext c = Ctx;
        c.PeekIntervals(bits);
        for (int b = 0; b < c.ActiveLanes; b++) (c.Starts[b], c.Freqs[b]) = (c.Cf[b], 1);
        c.CommitIntervals(bits);
    }
}

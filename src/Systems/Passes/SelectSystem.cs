// SelectSystem: the final index j ~ Cat(W_{T-1}) that picks the particle (and, through the ancestors,
// the whole lineage) whose latents the model codes. Forward/encode pops j; Backward/decode pushes it
// back once every particle is known again. With one particle j = 0 is certain and nothing is coded.
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pops (encode) or pushes back (decode) the selected index j.</summary>
internal sealed class SelectSystem(CoderContext context, CodingPhase phase) : CoderSystem(context, "Select")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> lineage = Ctx.Lineage;
        Span<uint> cdf = Ctx.WCdf;
        int n = c.N, last = (c.T - 1) * c.B;
        if (n == 1)
        {
            for (int b = lo; b < hi; b++) lineage[last + b] = 0;
            return;
        }
        if (phase == CodingPhase.Forward)
        {
            c.Rans.PeekCf(lo, hi, c.P, c.Cf);
            for (int b = lo; b < hi; b++)
            {
                ReadOnlySpan<uint> row = c.WCdf.Slice(c.WRow(c.T - 1, b), n + 1);
                int j = CumulativeTable.FindSymbol(row, c.Cf[b]);
                lineage[last + b] = j;
                c.Starts[b] = row[j];
                c.Freqs[b] = row[j + 1] - row[j];
            }
            c.Rans.Commit(lo, hi, c.Starts, c.Freqs, c.P);
            return;
        }
        for (int b = lo; b < hi; b++)
        {
            int row = c.WRow(c.T - 1, b), j = lineage[last + b];
            c.Starts[b] = cdf[row + j];
            c.Freqs[b] = cdf[row + j + 1] - cdf[row + j];
        }
        c.Rans.Push(lo, hi, c.Starts, c.Freqs, c.P);
    }
}

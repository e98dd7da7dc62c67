// VaeSelectSystem: the index j ~ Cat(w̃) of the particle whose latents the model codes.
// Forward/encode pops j from the lane's weight row and copies particle j's latents into ZLin;
// Backward/decode pushes j back once every particle and weight is known again. N = 1: j = 0, nothing coded.
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Pops (encode) or pushes back (decode) the selected index j.</summary>
internal sealed class VaeSelectSystem(VaeContext context, CodingPhase phase) : VaeSystem(context, "Select")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, n = c.N;
        if (a == 0) return;
        if (phase == CodingPhase.Forward)
        {
            if (n == 1) Array.Clear(c.Lineage, 0, a);
            else
            {
                c.Rans.PeekCf(a, c.P, c.Cf);
                for (int b = 0; b < a; b++)
                {
                    ReadOnlySpan<uint> row = c.WCdf.AsSpan(b * (n + 1), n + 1);
                    int j = CumulativeTable.FindSymbol(row, c.Cf[b]);
                    c.Lineage[b] = j;
                    c.Starts[b] = row[j];
                    c.Freqs[b] = row[j + 1] - row[j];
                }
                c.Rans.Commit(a, c.Starts, c.Freqs, c.P);
            }
            for (int l = 0; l < c.L; l++)
                for (int b = 0; b < a; b++) c.ZLin[l * c.B + b] = c.Z[c.ZIndex(c.Lineage[b], l, b)];
            return;
        }
        if (n == 1) return;
        for (int b = 0; b < a; b++)
        {
            int row = b * (n + 1), j = c.Lineage[b];
            c.Starts[b] = c.WCdf[row + j];
            c.Freqs[b] = c.WCdf[row + j + 1] - c.WCdf[row + j];
        }
        c.Rans.Push(a, c.Starts, c.Freqs, c.P);
    }
}

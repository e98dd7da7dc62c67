// MetropolisSystem (AIS): the annealing chain z_0 .. z_{N-1}, z_k ~ T_k(. | z_{k-1}) (MetropolisKernel),
// coded with bits back: the forward kernel's draw is popped, the backward kernel (the same reversible
// row, conditioned the other way) pushed. Slot k of the particles holds z_k.
//   encode Forward:   k = 1..N-1: pop z_k with T_k(.|z_{k-1});  BitSwap: then push z_{k-1} with T_k(.|z_k).
//   encode Backward:  (AIS only) k = 1..N-1: push z_{k-1} with T_k(.|z_k) (z_{N-2} last, so decode pops it first).
//   decode Forward:   k = N-1..1: pop z_{k-1} with T_k(.|z_k);  BitSwap: then push z_k with T_k(.|z_{k-1}).
//   decode Backward:  (AIS only) k = N-1..1: push z_k with T_k(.|z_{k-1}).
// BitSwap pays each pop back at once, so its initial bits stay flat in N; plain AIS pops the whole chain
// first (initial bits grow with N). The encoder's forward half ends with z_{N-1} as the latent to model.
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Codes the annealing chain with Metropolis-Hastings kernels.</summary>
internal sealed class MetropolisSystem(CoderContext context, CodingPhase phase) : CoderSystem(context, "Metropolis")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> zs = Ctx.Z;
        Span<int> zLin = Ctx.ZLin;
        int n = c.N;
        bool bitSwap = c.Kind == CoderKind.BbAisBitSwap;
        if (!c.Decoding)
        {
            for (int k = 1; k < n; k++)
            {
                Prepare(k, lo, hi);
                if (phase == CodingPhase.Forward)
                {
                    Pop(target: k, given: k - 1, lo, hi);
                    if (bitSwap) Push(value: k - 1, given: k, lo, hi);
                }
                else
                {
                    Push(value: k - 1, given: k, lo, hi);
                }
            }
            if (phase == CodingPhase.Forward)
            {
                for (int b = lo; b < hi; b++) zLin[b] = zs[c.ZIndex(0, n - 1, b)];
                AddEntities((hi - lo) * c.N);
            }
            return;
        }
        for (int k = n - 1; k >= 1; k--)
        {
            Prepare(k, lo, hi);
            if (phase == CodingPhase.Forward)
            {
                Pop(target: k - 1, given: k, lo, hi);
                if (bitSwap) Push(value: k, given: k - 1, lo, hi);
            }
            else
            {
                Push(value: k, given: k - 1, lo, hi);
            }
        }
        if (phase == CodingPhase.Forward) AddEntities((hi - lo) * c.N);
    }

    private void Prepare(int k, int lo, int hi)
    {
        for (int b = lo; b < hi; b++) MetropolisKernel.PrepareStep(Ctx, b, k);
    }

    /// <summary>Pops slot <paramref name="target"/> from the row conditioned on slot <paramref name="given"/>.</summary>
    private void Pop(int target, int given, int lo, int hi)
    {
        Span<int> zs = Ctx.Z;
        CoderContext c = Ctx;
        int kk = c.K;
        for (int b = lo; b < hi; b++) MetropolisKernel.BuildRow(c, b, zs[c.ZIndex(0, given, b)]);
        c.Rans.PeekCf(lo, hi, CoderContext.KernelPrecision, c.Cf);
        for (int b = lo; b < hi; b++)
        {
            ReadOnlySpan<uint> row = c.KernelCdf.AsSpan(b * (kk + 1), kk + 1);
            int z = CumulativeTable.FindSymbol(row, c.Cf[b]);
            zs[c.ZIndex(0, target, b)] = z;
            c.Starts[b] = row[z];
            c.Freqs[b] = row[z + 1] - row[z];
        }
        c.Rans.Commit(lo, hi, c.Starts, c.Freqs, CoderContext.KernelPrecision);
    }

    /// <summary>Pushes slot <paramref name="value"/> with the row conditioned on slot <paramref name="given"/>.</summary>
    private void Push(int value, int given, int lo, int hi)
    {
        Span<int> zs = Ctx.Z;
        CoderContext c = Ctx;
        int kk = c.K;
        for (int b = lo; b < hi; b++)
        {
            MetropolisKernel.BuildRow(c, b, zs[c.ZIndex(0, given, b)]);
            int z = zs[c.ZIndex(0, value, b)];
            int at = b * (kk + 1) + z;
            c.Starts[b] = c.KernelCdf[at];
            c.Freqs[b] = c.KernelCdf[at + 1] - c.KernelCdf[at];
        }
        c.Rans.Push(lo, hi, c.Starts, c.Freqs, CoderContext.KernelPrecision);
    }
}

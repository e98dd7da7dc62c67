// FlowContext (coding part): the two operations every flow pass is made of, on the active lanes [0, ActiveLanes):
//   PushGaussian(k) pushes grid index k[b] under GridGaussian(Means[b], Stds[b]) on lane b;
//   PopGaussian(k) pops it (the exact inverse);
// with Means and Stds in bins of the coordinate's grid, filled by the pass. An index outside the Gaussian's window is
// coded as the escape symbol over a uniform on the whole grid (pushed first, so the pop reads the escape first). And the
// conversions between grid indices and the row-major doubles the model reads, including the stage masks ICifSession
// promises (stage 1 sees the layer output's stage-0 coordinates; stage 0 sees zeros).
using Engine.Ans.Quantization;

namespace Engine.Systems.Flows;

internal sealed partial class FlowContext
{
    /// <summary>Largest |log scale| the coders use; a model's larger (or NaN) coefficient is clamped (NaN stays NaN and codes
    /// through the escape).</summary>
    public const double MaxLogScale = 30;

    // Model inputs and outputs, row-major (row b = chain b).
    public readonly double[] Rows, Above, LogScale, Shift, StageLogScale, StageShift, IndexRows, IndexMean, IndexLogStd;

    // Per-lane Gaussian parameters (in bins) and rANS scratch.
    public readonly double[] Means, Stds;
    public readonly uint[] Starts, Freqs, Cf, EscapeValues, EscapeN, FineValues, FineN, DequantN;
    public readonly long[] Coarse;

    /// <summary>Pushes k[b] under N(Means[b], Stds[b]^2) on the grid, on every active lane: low bits (wide Gaussians), escape
    /// uniform (indices outside the window), then the symbol.</summary>
    public void PushGaussian(ReadOnlySpan<int> k)
    {
        int active = ActiveLanes;
        bool escape = false, fine = false;
        for (int b = 0; b < active; b++)
        {
            var g = new GridGaussian(Means[b], Stds[b]);
            (FineN[b], FineValues[b]) = (g.FineCount, g.FineValue(k[b]));
            fine |= g.FineBits > 0;
            if (g.InWindow(k[b]))
                (EscapeN[b], EscapeValues[b]) = (1, 0);
            else
            {
                (EscapeN[b], EscapeValues[b]) = (g.EscapeCount, g.EscapeValue(k[b]));
                escape = true;
            }
            (Starts[b], Freqs[b]) = g.Interval(k[b]);
        }
        if (fine) Rans.PushUniform(0, active, FineValues, FineN);
        if (escape) Rans.PushUniform(0, active, EscapeValues, EscapeN);
        Rans.Push(0, active, Starts, Freqs, GridGaussian.Precision);
    }

    /// <summary>Pops k[b] under N(Means[b], Stds[b]^2) on the grid, on every active lane (the mirror of <see cref="PushGaussian"/>).</summary>
    public void PopGaussian(Span<int> k)
    {
        int active = ActiveLanes;
        bool escape = false, fine = false;
        Rans.PeekCf(0, active, GridGaussian.Precision, Cf);
        for (int b = 0; b < active; b++)
        {
            var g = new GridGaussian(Means[b], Stds[b]);
            Coarse[b] = g.Find(Cf[b], out Starts[b], out Freqs[b], out bool escaped);
            EscapeN[b] = escaped ? g.EscapeCount : 1;
            FineN[b] = g.FineCount;
            escape |= escaped;
            fine |= g.FineBits > 0;
        }
        Rans.Commit(0, active, Starts, Freqs, GridGaussian.Precision);
        if (escape) Rans.PopUniform(0, active, EscapeN, EscapeValues);
        if (fine) Rans.PopUniform(0, active, FineN, FineValues);
        else Array.Clear(FineValues, 0, active);
        for (int b = 0; b < active; b++)
        {
            if (!escape && !fine)
            {
                k[b] = (int)Coarse[b];
                continue;
            }
            var g = new GridGaussian(Means[b], Stds[b]);
            long coarse = EscapeN[b] > 1 ? g.FromEscapeValue(EscapeValues[b]) : Coarse[b];
            k[b] = (int)g.Index(coarse, FineValues[b]);
        }
    }

    /// <summary>Level <paramref name="level"/> of the active chains as doubles into <paramref name="rows"/> (row-major); with
    /// <paramref name="keepStage"/> ≥ 0 only the coordinates of that stage of <paramref name="layer"/>, zeros elsewhere.</summary>
    public void LoadLevel(int level, double[] rows, int layer = 0, int keepStage = -1)
    {
        int active = ActiveLanes;
        double step = Math.ScaleB(1.0, -LevelBits(level));
        ReadOnlySpan<byte> stages = keepStage >= 0 ? Shape.Stages(layer) : default;
        for (int i = 0; i < D; i++)
        {
            if (keepStage >= 0 && stages[i] != keepStage)
            {
                for (int b = 0; b < active; b++) rows[b * D + i] = 0;
                continue;
            }
            ReadOnlySpan<int> z = Level(level, i);
            for (int b = 0; b < active; b++) rows[b * D + i] = z[b] * step;
        }
    }

    /// <summary>u_<paramref name="layer"/> of the active chains as doubles into <see cref="IndexRows"/>.</summary>
    public void LoadIndex(int layer)
    {
        int active = ActiveLanes;
        double step = Math.ScaleB(1.0, -Options.IndexGridBits);
        for (int j = 0; j < U; j++)
        {
            ReadOnlySpan<int> u = Index(layer, j);
            for (int b = 0; b < active; b++) IndexRows[b * U + j] = u[b] * step;
        }
    }

    /// <summary>Layer <paramref name="layer"/>'s coefficients of <paramref name="stage"/> into <see cref="LogScale"/> and
    /// <see cref="Shift"/> (needs <see cref="LoadIndex"/> first); stage 1 reads the stage-0 coordinates of level layer + 1.</summary>
    public void Coefficients(int layer, int stage)
    {
        if (stage == 0) Array.Clear(Above, 0, ActiveLanes * D);
        else LoadLevel(layer + 1, Above, layer, keepStage: 0);
        int n = ActiveLanes * D;
        Session.Affine(layer, stage, IndexRows.AsSpan(0, ActiveLanes * U), Above.AsSpan(0, n), ActiveLanes, StageLogScale.AsSpan(0, n),
            StageShift.AsSpan(0, n));
        // Only the stage's own coordinates are taken, so a model that writes others cannot make the directions disagree.
        ReadOnlySpan<byte> stages = Shape.Stages(layer);
        for (int i = 0; i < D; i++)
        {
            if (stages[i] != stage) continue;
            for (int r = i; r < n; r += D)
            {
                LogScale[r] = StageLogScale[r];
                Shift[r] = StageShift[r];
            }
        }
    }

    /// <summary>The index Gaussian's coordinate <paramref name="j"/> (from <see cref="IndexMean"/>, <see cref="IndexLogStd"/>) in
    /// bins of the index grid, into Means and Stds.</summary>
    public void IndexGaussian(int j)
    {
        double bins = Math.ScaleB(1.0, Options.IndexGridBits);
        for (int b = 0; b < ActiveLanes; b++)
        {
            Means[b] = IndexMean[b * U + j] * bins;
            Stds[b] = DeterministicMath.Exp(Math.Clamp(IndexLogStd[b * U + j], -MaxLogScale, MaxLogScale)) * bins;
        }
    }

    /// <summary>Layer coordinate <paramref name="i"/> going up: N(z_l,i e^lambda + mu, sigma^2) for z_{l+1,i}, in bins of level l + 1.</summary>
    public void ForwardGaussian(int layer, int i)
    {
        double below = Math.ScaleB(1.0, -LevelBits(layer)), bins = Math.ScaleB(1.0, LevelBits(layer + 1));
        ReadOnlySpan<int> x = Level(layer, i);
        double std = Sigma * bins;
        for (int b = 0; b < ActiveLanes; b++)
        {
            double lambda = Math.Clamp(LogScale[b * D + i], -MaxLogScale, MaxLogScale);
            Means[b] = (x[b] * below * DeterministicMath.Exp(lambda) + Shift[b * D + i]) * bins;
            Stds[b] = std;
        }
    }

    /// <summary>Layer coordinate <paramref name="i"/> going down: N((z_{l+1,i} - mu) e^-lambda, (sigma e^-lambda)^2) for z_l,i, in
    /// bins of level l.</summary>
    public void InverseGaussian(int layer, int i)
    {
        double above = Math.ScaleB(1.0, -LevelBits(layer + 1)), bins = Math.ScaleB(1.0, LevelBits(layer));
        ReadOnlySpan<int> y = Level(layer + 1, i);
        for (int b = 0; b < ActiveLanes; b++)
        {
            double inverse = DeterministicMath.Exp(-Math.Clamp(LogScale[b * D + i], -MaxLogScale, MaxLogScale));
            Means[b] = (y[b] * above - Shift[b * D + i]) * inverse * bins;
            Stds[b] = Sigma * inverse * bins;
        }
    }
}

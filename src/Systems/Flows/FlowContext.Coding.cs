// FlowContext (coding part): the two operations every flow pass is made of, on the active lanes [0, ActiveLanes):
//   PushGaussian(k) pushes grid index k[b] under GridGaussian(Means[b], Stds[b]) on lane b, then whitens the head;
//   PopGaussian(k) whitens the head, then pops (encode mixes, decode unmixes, so each direction's push undoes the other's pop);
// with Means and Stds in bins of the coordinate's grid, filled by the pass. An index outside the Gaussian's window is
// coded as the escape symbol and a uniform over the grid indices outside the window (pushed first, so the pop reads the escape
// first). Whitening wraps the symbol's push and pop; the uniforms that go with it (low bits, escape) and the dequantisation
// uniforms are not whitened — both directions skip them alike. And the
// conversions between grid indices and the row-major doubles the model reads, including the stage masks ICifSession
// promises (stage 1 sees the layer output's stage-0 coordinates; stage 0 sees zeros).
using Engine.Ans;
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

    // Each lane's table of the pop in progress, kept from the search to the low bits (a table costs two Phi evaluations).
    public readonly GridGaussian[] Tables;

    /// <summary>Values coded through the escape so far (pushed or popped): each costs about 20 + log2(EscapeCount) bits, and
    /// many of them mean the model's Gaussians do not fit the values they code.</summary>
    public long Escapes;

    /// <summary>Pushes k[b] under N(Means[b], Stds[b]^2) on the grid, on every active lane (with <paramref name="mask"/>: those
    /// with mask[b] != 0): low bits (wide Gaussians), escape uniform (indices outside the window), the symbol, then whitening.</summary>
    public void PushGaussian(ReadOnlySpan<int> k, ReadOnlySpan<byte> mask = default)
    {
        int active = ActiveLanes;
        bool escape = false, fine = false;
        for (int b = 0; b < active; b++)
        {
            if (!mask.IsEmpty && mask[b] == 0)
            {
                (FineN[b], FineValues[b], EscapeN[b], EscapeValues[b], Starts[b], Freqs[b]) = (1, 0, 1, 0, 0, 1);
                continue;
            }
            var g = new GridGaussian(Means[b], Stds[b]);
            (FineN[b], FineValues[b]) = (g.FineCount, g.FineValue(k[b]));
            fine |= g.FineBits > 0;
            if (g.InWindow(k[b]))
                (EscapeN[b], EscapeValues[b]) = (1, 0);
            else
            {
                (EscapeN[b], EscapeValues[b]) = (g.EscapeCount, g.EscapeValue(k[b]));
                escape = true;
                Escapes++;
            }
            (Starts[b], Freqs[b]) = g.Interval(k[b]);
        }
        if (fine) Rans.PushUniform(0, active, FineValues, FineN);
        if (escape) Rans.PushUniform(0, active, EscapeValues, EscapeN);
        PushIntervals(GridGaussian.Precision, mask);
    }

    /// <summary>Pushes [Starts[b], Starts[b] + Freqs[b]) at <paramref name="precision"/> on the active (masked) lanes, then whitens them.</summary>
    public void PushIntervals(int precision, ReadOnlySpan<byte> mask = default)
    {
        if (mask.IsEmpty) Rans.Push(0, ActiveLanes, Starts, Freqs, precision);
        else Rans.PushMasked(mask, 0, ActiveLanes, Starts, Freqs, precision);
        Whiten(mask);
    }

    /// <summary>Whitens the active (masked) lanes, then reads each one's cf at <paramref name="precision"/> into <see cref="Cf"/>: the first
    /// half of a pop; <see cref="CommitIntervals"/> is the second.</summary>
    public void PeekIntervals(int precision, ReadOnlySpan<byte> mask = default)
    {
        Whiten(mask);
        Rans.PeekCf(0, ActiveLanes, precision, Cf);
    }

    /// <summary>Commits [Starts[b], Starts[b] + Freqs[b]) on the active (masked) lanes.</summary>
    public void CommitIntervals(int precision, ReadOnlySpan<byte> mask = default)
    {
        if (mask.IsEmpty) Rans.Commit(0, ActiveLanes, Starts, Freqs, precision);
        else Rans.CommitMasked(mask, 0, ActiveLanes, Starts, Freqs, precision);
    }

    /// <summary>Mixes (encode) or unmixes (decode) the active (masked) heads' low bits (HeadWhitening): after every push and before
    /// every pop, so each pop reads a cf spread over the whole range instead of one inside the interval the last push wrote.</summary>
    public void Whiten(ReadOnlySpan<byte> mask = default)
    {
        Span<ulong> heads = Rans.Lanes.Heads[..ActiveLanes];
        if (mask.IsEmpty)
        {
            if (Decoding) HeadWhitening.Unmix(heads);
            else HeadWhitening.Mix(heads);
            return;
        }
        for (int b = 0; b < heads.Length; b++)
            if (mask[b] != 0)
            {
                if (Decoding) HeadWhitening.Unmix(heads.Slice(b, 1));
                else HeadWhitening.Mix(heads.Slice(b, 1));
            }
    }

    /// <summary>Pops k[b] under N(Means[b], Stds[b]^2) on the grid, on every active (masked) lane (the mirror of <see cref="PushGaussian"/>).</summary>
    public void PopGaussian(Span<int> k, ReadOnlySpan<byte> mask = default)
    {
        int active = ActiveLanes;
        bool escape = false, fine = false;
        PeekIntervals(GridGaussian.Precision, mask);
        for (int b = 0; b < active; b++)
        {
            if (!mask.IsEmpty && mask[b] == 0)
            {
                (EscapeN[b], FineN[b], Starts[b], Freqs[b]) = (1, 1, 0, 1);
                continue;
            }
            GridGaussian g = Tables[b] = new GridGaussian(Means[b], Stds[b]);
            Coarse[b] = g.Find(Cf[b], out Starts[b], out Freqs[b], out bool escaped);
            EscapeN[b] = escaped ? g.EscapeCount : 1;
            if (escaped) Escapes++;
            FineN[b] = g.FineCount;
            escape |= escaped;
            fine |= g.FineBits > 0;
        }
        CommitIntervals(GridGaussian.Precision, mask);
        if (escape) Rans.PopUniform(0, active, EscapeN, EscapeValues);
        if (fine) Rans.PopUniform(0, active, FineN, FineValues);
        else Array.Clear(FineValues, 0, active);
        for (int b = 0; b < active; b++)
        {
            if (!mask.IsEmpty && mask[b] == 0) continue;
            if (!escape && !fine)
            {
                k[b] = (int)Coarse[b];
                continue;
            }
            GridGaussian g = Tables[b];
            long coarse = EscapeN[b] > 1 ? g.FromEscapeValue(EscapeValues[b]) : Coarse[b];
            k[b] = (int)g.Index(coarse, FineValues[b]);
        }
    }

    // The coder's own estimate of its rate (encode only, reporting only): per chain, -ln p(x~, u) + ln q(u | x~) of the unit
    // being coded, from the values the coder actually popped and the model's continuous densities; per chain, the sum and
    // sum of squares over finished units in bits per unit (FinishUnitEstimate).
    public readonly double[] UnitNats, EstimatorSum, EstimatorSquares;
    public readonly long[] EstimatorUnits;

    private const double HalfLn2Pi = 0.91893853320467274;

    /// <summary>Adds <paramref name="sign"/> ln N(value; mean, e^logStd) of grid values <paramref name="k"/> (step
    /// <paramref name="step"/>) with row-major <paramref name="mean"/>/<paramref name="logStd"/> at column j of width
    /// <paramref name="width"/> (empty: N(0, 1)), to <paramref name="sums"/>[b] of each active chain.</summary>
    public void AddLogDensity(Span<double> sums, double sign, ReadOnlySpan<int> k, double step, ReadOnlySpan<double> mean, ReadOnlySpan<double> logStd,
        int j, int width)
    {
        for (int b = 0; b < ActiveLanes; b++)
        {
            double m = mean.IsEmpty ? 0 : mean[b * width + j], ls = logStd.IsEmpty ? 0 : logStd[b * width + j];
            double e = (k[b] * step - m) * DeterministicMath.Exp(-ls);
            sums[b] += sign * (-0.5 * e * e - ls - HalfLn2Pi);
        }
    }

    /// <summary><see cref="AddLogDensity(Span{double}, double, ReadOnlySpan{int}, double, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int)"/>
    /// into the unit's own estimate (-ln of the density: pass sign -1 for a push under the model), unless the estimate comes from
    /// importance weights.</summary>
    public void AddLogDensity(double sign, ReadOnlySpan<int> k, double step, ReadOnlySpan<double> mean, ReadOnlySpan<double> logStd, int j, int width)
    {
        if (!OwnFromWeights) AddLogDensity(UnitNats, sign, k, step, mean, logStd, j, width);
    }

    /// <summary>Closes the unit's estimate on each active chain: bits = nats log2 e + SymbolBits D.</summary>
    public void FinishUnitEstimate()
    {
        for (int b = 0; b < ActiveLanes; b++)
        {
            double bits = UnitNats[b] * 1.4426950408889634 + Shape.SymbolBits * D;
            EstimatorSum[b] += bits;
            EstimatorSquares[b] += bits * bits;
            EstimatorUnits[b]++;
            UnitNats[b] = 0;
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

    /// <summary>The index grid's step, 2^-IndexGridBits.</summary>
    public double IndexStep => Math.ScaleB(1.0, -Options.IndexGridBits);

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
    public void IndexGaussian(int j) => IndexGaussian(IndexMean, IndexLogStd, j);

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

// FlowContext (particles part): importance sampling over a CIF's index (McBits over u). A particle k of chain b is a whole
// index u^k = (u^k_0 .. u^k_{L-1}) drawn from the hierarchical proposal q(u | x~) = prod_l q(u_l | z_{l+1}), where
// z_L = x~ and z_l = F_l^-1(z_{l+1}; u^k_l) exactly (doubles, no noise): WalkParticle goes down the layers once, asking the
// model for each layer's q, coefficients and p, optionally popping the particle's index as it goes, and leaves its log
// importance weight log p(x~, u^k) - log q(u^k | x~) (nats; the index terms as the tables code them) in ParticleLogWeight and every layer's q in QMean/QLogStd
// (PushParticle pushes the index back with them). Every model call is batched over the active chains.
// How a walk gets each index coordinate (ParticleDraw): already in the slot (Given), popped with q (Pop: BB-IS), or — the
// coupled coder — drawn from the chain's shared word shifted for the particle (Coupled), and, walking the selected particle
// in slot N, its word's residual taken out for pushing (Residual: encode) or popped to rebuild the word (Rebuild: decode).
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ans.Quantization;

namespace Engine.Systems.Flows;

internal sealed partial class FlowContext
{
    /// <summary>Precision of the categorical table the selected particle is coded with.</summary>
    public const int WeightPrecision = 16;

    // ParticleLogWeight[k B + b]: particle k's log weight on chain b. ParticleZ: the walking particle's level (row-major).
    // QMean/QLogStd[(l B + b) U + j]: q(u_l | z_{l+1}) of the walking particle. SelectMask: lanes that code in a masked pass.
    public readonly double[] ParticleLogWeight, ParticleZ, QMean, QLogStd, LogitScratch;
    public readonly byte[] SelectMask;
    public readonly uint[] WeightFreqs, WeightStarts, ParticleN, ParticleValues;

    // The coupled coder's residuals of the selected particle's words, at [(l U + j) B + b]: the high part under Uniform(ResidualHighN),
    // the spare low bits under Uniform(ResidualLowN).
    public readonly uint[] ResidualHigh, ResidualHighN, ResidualLow, ResidualLowN;

    /// <summary>True for the importance-sampling coder on a model with an index: the own estimate comes from the weights.</summary>
    public bool OwnFromWeights => ParticleBlock is not null;

    /// <summary>Walks particle <paramref name="k"/> (slot N: the selected one) of every active chain down the layers (see the file header),
    /// getting its index as <paramref name="draw"/> says; a popped index is popped on the lanes of <paramref name="mask"/> (all active
    /// lanes when empty).</summary>
    public void WalkParticle(int k, ParticleDraw draw, ReadOnlySpan<byte> mask = default)
    {
        int active = ActiveLanes, rows = active * D;
        LoadLevel(L, ParticleZ);
        Span<double> weight = ParticleLogWeight.AsSpan(k * B, B);
        weight[..active].Clear();
        double step = IndexStep;
        for (int l = L - 1; l >= 0; l--)
        {
            Span<double> qMean = QMean.AsSpan(l * B * U, active * U), qLogStd = QLogStd.AsSpan(l * B * U, active * U);
            Session.IndexPosterior(l, ParticleZ.AsSpan(0, rows), active, qMean, qLogStd);
            for (int j = U - 1; j >= 0; j--)
            {
                IndexGaussian(qMean, qLogStd, j);
                switch (draw)
                {
                    case ParticleDraw.Pop: PopGaussian(ParticleIndex(k, l, j), mask); break;
                    case ParticleDraw.Coupled: DrawCoupled(k, l, j); break;
                    case ParticleDraw.Residual: TakeResidual(l, j); break;
                    case ParticleDraw.Rebuild: RebuildWord(l, j); break;
                }
                AddLogProbability(weight, -1, ParticleIndex(k, l, j), Coupled);
            }
            for (int j = 0; j < U; j++)
            {
                ReadOnlySpan<int> u = ParticleIndex(k, l, j);
                for (int b = 0; b < active; b++) IndexRows[b * U + j] = u[b] * step;
            }
            InvertExactly(l, weight);
            Session.IndexPrior(l, ParticleZ.AsSpan(0, rows), active, IndexMean.AsSpan(0, active * U), IndexLogStd.AsSpan(0, active * U));
            for (int j = 0; j < U; j++)
            {
                IndexGaussian(j);
                AddLogProbability(weight, +1, ParticleIndex(k, l, j));
            }
        }
        for (int b = 0; b < active; b++)
            for (int i = 0; i < D; i++)
            {
                double z = ParticleZ[b * D + i];
                weight[b] += -0.5 * z * z - HalfLn2Pi;
            }
    }

    /// <summary>Adds <paramref name="sign"/> ln of the index's coded density — the table's probability of k[b] under GridGaussian(Means[b],
    /// Stds[b]) over the index grid's step — to <paramref name="sums"/>[b]. The weights use what the tables code rather than the
    /// continuous density: a particle popped from a table's padded tail (every bin has a frequency >= 1) is as likely as its
    /// frequency says, however small the density there, so its weight must say the same or the selection pays for the gap.
    /// With <paramref name="coupled"/>, the probability a coupled draw gives k[b] (CoupledGridDraw), which differs outside the window.</summary>
    private void AddLogProbability(Span<double> sums, double sign, ReadOnlySpan<int> k, bool coupled = false)
    {
        const double Ln2 = 0.69314718055994531;
        for (int b = 0; b < ActiveLanes; b++)
        {
            var g = new GridGaussian(Means[b], Stds[b]);
            double log2 = coupled ? CoupledGridDraw.Log2Probability(g, k[b]) : g.Log2Probability(k[b]);
            sums[b] += sign * (log2 + Options.IndexGridBits) * Ln2;
        }
    }

    // Slot k's coordinate (l, j) from each chain's shared word shifted for the particle (slot N: the chain's selected one).
    private void DrawCoupled(int k, int l, int j)
    {
        Span<int> u = ParticleIndex(k, l, j);
        ReadOnlySpan<ulong> words = CoupledWord(l, j);
        ReadOnlySpan<int> selected = Selected;
        int coordinate = l * U + j;
        for (int b = 0; b < ActiveLanes; b++)
        {
            var g = new GridGaussian(Means[b], Stds[b]);
            ulong word = words[b] + CoupledGridDraw.Shift(k < N ? k : selected[b], coordinate);
            u[b] = (int)CoupledGridDraw.Draw(g, word);
        }
    }

    // Encode, walking the selected particle (slot N): the residual of its coordinate (l, j)'s shifted word given its index.
    private void TakeResidual(int l, int j)
    {
        ReadOnlySpan<int> u = ParticleIndex(N, l, j);
        ReadOnlySpan<ulong> words = CoupledWord(l, j);
        ReadOnlySpan<int> selected = Selected;
        int coordinate = l * U + j, at = coordinate * B;
        for (int b = 0; b < ActiveLanes; b++)
        {
            var g = new GridGaussian(Means[b], Stds[b]);
            ulong word = words[b] + CoupledGridDraw.Shift(selected[b], coordinate);
            if (!CoupledGridDraw.TryInterval(g, u[b], out uint start, out uint freq))
                throw new InvalidOperationException("The selected particle's index is not a coupled draw (the model answered differently for one particle).");
            (ResidualHigh[at + b], ResidualLow[at + b]) = CoupledGridDraw.Residual(g, word, start);
            (ResidualHighN[at + b], ResidualLowN[at + b]) = (freq, CoupledGridDraw.SpareCount(g));
        }
    }

    // Decode, walking the selected particle (slot N, its index decoded): pops its coordinate (l, j)'s residual and rebuilds the
    // shared word from it (unshifting the particle's shift).
    private void RebuildWord(int l, int j)
    {
        ReadOnlySpan<int> u = ParticleIndex(N, l, j);
        ReadOnlySpan<int> selected = Selected;
        int coordinate = l * U + j, active = ActiveLanes;
        for (int b = 0; b < active; b++)
        {
            GridGaussian g = Tables[b] = new GridGaussian(Means[b], Stds[b]);
            if (!CoupledGridDraw.TryInterval(g, u[b], out Starts[b], out FineN[b]))
                throw new McbFormatException(McbErrorKind.Corrupt, "A decoded index is one the coupled proposal never draws: the message is damaged.");
            EscapeN[b] = CoupledGridDraw.SpareCount(g);
        }
        Rans.PopUniform(0, active, FineN, FineValues);
        Rans.PopUniform(0, active, EscapeN, EscapeValues);
        Span<ulong> words = CoupledWord(l, j);
        for (int b = 0; b < active; b++)
            words[b] = CoupledGridDraw.Word(Tables[b], u[b], Starts[b], FineValues[b], EscapeValues[b]) - CoupledGridDraw.Shift(selected[b], coordinate)
                & CoupledGridDraw.WordMask;
    }

    /// <summary>Encode: pushes the residuals TakeResidual left (coordinates in ascending order, each its low part then its high part:
    /// the mirror of RebuildWord's pops during the decoder's walk).</summary>
    public void PushResiduals()
    {
        for (int l = 0; l < L; l++)
            for (int j = 0; j < U; j++)
            {
                int at = (l * U + j) * B;
                Rans.PushUniform(0, ActiveLanes, ResidualLow.AsSpan(at, B), ResidualLowN.AsSpan(at, B));
                Rans.PushUniform(0, ActiveLanes, ResidualHigh.AsSpan(at, B), ResidualHighN.AsSpan(at, B));
            }
    }

    /// <summary>Pushes each chain's selection j with Uniform(N) (nothing for N = 1): what both importance-sampling coders give back last.</summary>
    public void PushSelection()
    {
        if (N == 1) return;
        ReadOnlySpan<int> selected = Selected;
        for (int b = 0; b < ActiveLanes; b++) (Starts[b], Freqs[b]) = ExactUniform.Interval((uint)selected[b], (uint)N, WeightPrecision);
        PushIntervals(WeightPrecision);
    }

    /// <summary>Pops each chain's selection j with Uniform(N) (0 for N = 1): the mirror of <see cref="PushSelection"/>.</summary>
    public void PopSelection()
    {
        Span<int> selected = Selected;
        if (N == 1)
        {
            selected[..ActiveLanes].Clear();
            return;
        }
        PeekIntervals(WeightPrecision);
        for (int b = 0; b < ActiveLanes; b++)
        {
            selected[b] = (int)ExactUniform.Value(Cf[b], (uint)N, WeightPrecision);
            (Starts[b], Freqs[b]) = ExactUniform.Interval((uint)selected[b], (uint)N, WeightPrecision);
        }
        CommitIntervals(WeightPrecision);
    }

    /// <summary>Copies the index components (the selected particle's index: ParticleSelect put it there when encoding, the local
    /// bits-back passes decoded it) into slot N, for the walk of the selected particle.</summary>
    public void CopyIndexToScratch()
    {
        for (int l = 0; l < L; l++)
            for (int j = 0; j < U; j++) Index(l, j)[..ActiveLanes].CopyTo(ParticleIndex(N, l, j));
    }

    /// <summary>Pushes particle <paramref name="k"/>'s index back with the q of its last walk (layers upwards, coordinates ascending:
    /// the mirror of the walk's pops) on the lanes of <paramref name="mask"/>.</summary>
    public void PushParticle(int k, ReadOnlySpan<byte> mask = default)
    {
        for (int l = 0; l < L; l++)
        {
            ReadOnlySpan<double> qMean = QMean.AsSpan(l * B * U, ActiveLanes * U), qLogStd = QLogStd.AsSpan(l * B * U, ActiveLanes * U);
            for (int j = 0; j < U; j++)
            {
                IndexGaussian(qMean, qLogStd, j);
                PushGaussian(ParticleIndex(k, l, j), mask);
            }
        }
    }

    /// <summary>Each active chain's categorical table over its N particles from their log weights (softmax at
    /// <see cref="WeightPrecision"/>, every particle >= 1), as cumulative starts: chain b's particle k starts at
    /// WeightStarts[b (N + 1) + k].</summary>
    public void WeightTables()
    {
        uint[] starts = WeightStarts;
        for (int b = 0; b < ActiveLanes; b++)
        {
            bool finite = false;
            for (int k = 0; k < N; k++)
            {
                double w = ParticleLogWeight[k * B + b];
                // A non-finite weight (a model's NaN, an overflow) becomes the least weight; all of them, uniform weights.
                LogitScratch[k] = double.IsFinite(w) ? w : double.NegativeInfinity;
                finite |= double.IsFinite(w);
            }
            if (!finite) Array.Fill(LogitScratch, 0.0);
            CategoricalQuantizer.FromLogits(LogitScratch, WeightPrecision, WeightFreqs, QuantizeMode.Fast);
            uint sum = 0;
            int row = b * (N + 1);
            for (int k = 0; k < N; k++)
            {
                starts[row + k] = sum;
                sum += WeightFreqs[k];
            }
            starts[row + N] = sum;
        }
    }

    /// <summary>The index Gaussian's coordinate <paramref name="j"/> of row-major <paramref name="mean"/>/<paramref name="logStd"/>
    /// in bins of the index grid, into Means and Stds.</summary>
    public void IndexGaussian(ReadOnlySpan<double> mean, ReadOnlySpan<double> logStd, int j)
    {
        double bins = Math.ScaleB(1.0, Options.IndexGridBits);
        for (int b = 0; b < ActiveLanes; b++)
        {
            Means[b] = mean[b * U + j] * bins;
            Stds[b] = DeterministicMath.Exp(Math.Clamp(logStd[b * U + j], -MaxLogScale, MaxLogScale)) * bins;
        }
    }

    // z_l = F_l^-1(z_{l+1}; u) in place on ParticleZ (IndexRows holds u), subtracting each row's sum of log scales from weight.
    private void InvertExactly(int l, Span<double> weight)
    {
        int active = ActiveLanes, rows = active * D;
        ReadOnlySpan<byte> stages = Shape.Stages(l);
        Array.Clear(Above, 0, rows);
        Session.Affine(l, 0, IndexRows.AsSpan(0, active * U), Above.AsSpan(0, rows), active, StageLogScale.AsSpan(0, rows), StageShift.AsSpan(0, rows));
        for (int r = 0; r < rows; r++)
            if (stages[r % D] == 0) (LogScale[r], Shift[r], Above[r]) = (StageLogScale[r], StageShift[r], ParticleZ[r]);
        Session.Affine(l, 1, IndexRows.AsSpan(0, active * U), Above.AsSpan(0, rows), active, StageLogScale.AsSpan(0, rows), StageShift.AsSpan(0, rows));
        for (int r = 0; r < rows; r++)
        {
            if (stages[r % D] == 1) (LogScale[r], Shift[r]) = (StageLogScale[r], StageShift[r]);
            double lambda = Math.Clamp(LogScale[r], -MaxLogScale, MaxLogScale);
            ParticleZ[r] = (ParticleZ[r] - Shift[r]) * DeterministicMath.Exp(-lambda);
            weight[r / D] -= lambda;
        }
    }
}

/// <summary>How a particle walk gets each index coordinate (FlowContext.WalkParticle).</summary>
internal enum ParticleDraw
{
    /// <summary>Already in the particle's slot.</summary>
    Given,

    /// <summary>Popped with q (BB-IS).</summary>
    Pop,

    /// <summary>Drawn from the shared word shifted for the particle (BB-CIS).</summary>
    Coupled,

    /// <summary>The selected particle (slot N) when encoding: its words' residuals are taken for pushing.</summary>
    Residual,

    /// <summary>The selected particle (slot N) when decoding: its words' residuals are popped and the shared words rebuilt.</summary>
    Rebuild,
}

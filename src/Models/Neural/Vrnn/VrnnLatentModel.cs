// VrnnLatentModel: a trained VRNN (VrnnModel) as a model of the public contract (ILatentModel), so the generic SMC-family
// passes run BB-ELBO, BB-IS, BB-SMC, BB-CIS and BB-CSMC on it. A unit is one sequence of T steps, each observing X binary
// symbols (an image row) with Z latent dimensions on the grid's 2^k equal-mass buckets of N(0, 1) (VaeLatentGrid: the
// buckets, their decoder points and the precision r of every latent table).
//   state       s_t of a particle (ModelShape.StateWords, float bits) = h_t, the prior of step t + 1 (mean, log std) and the
//               h-part of its proposal's hidden layer (VrnnModel.Advance): one libtorch pass over every particle of a chain
//               range per step (AdvanceState), so neither the prior nor the proposal needs the network again;
//   prior       p(z_t,l | h_{t-1}) = N(mean, std²) from the parent's state (at t = 0 from h = 0: one fixed table), discretised
//               over the buckets at precision r (BucketGaussian: every bucket >= 1, and one bucket's frequency from its two edges);
//   proposal    q(z_t,l | h_{t-1}, x_t): the x-part of its hidden layer comes from Observe (one pass over the chains of a step),
//               the h-part from the parent's state, the output layer per particle (VrnnModel.ProposalHead); discretised alike;
//   likelihood  p(x_t,w | z_t, h_{t-1}) = Bernoulli(sigmoid(logit)) at precision 16: VaeLatentModel.PixelTable's rows, from one
//               decoder pass over the query's particles (ILikelihoodRows in the model pass; IParticleWeights for the weights).
// Latent rows are rewritten per query into per-(chain, dimension) rows of two writable tables (prior, proposal): a pass codes
// with an answer before it asks about the same chains and dimension again, so no row changes while a pass reads it
// (docs/architecture.md, "The model contract"). The reweight pass's sums (AddLogWeights) take each particle's bucket frequency
// from BucketGaussian.Frequency, the entry the per-query route's row holds, so the integers are the same at a fraction of the work.
// The network is not thread-safe: a session serialises its libtorch calls; chain ranges may call concurrently otherwise.
using System.Globalization;
using Engine.Ans.Quantization;
using Engine.Modeling;

namespace Engine.Models.Neural.Vrnn;

/// <summary>A VRNN as an <see cref="ILatentModel"/>: per-particle recurrent state, Gaussian latents on equal-mass buckets,
/// Bernoulli symbols.</summary>
public sealed class VrnnLatentModel : ILatentModel
{
    /// <summary>Prefix of every VRNN model description.</summary>
    public const string DescriptionPrefix = "vrnn ";

    /// <summary>Precision of the Bernoulli symbol tables.</summary>
    public const int SymbolPrecision = VaeLatentModel.PixelPrecision;

    // Symbols whose frequencies are computed at once (BernoulliQuantizer's vector form).
    private const int LogitChunk = 256;

    private readonly QuantizedRows _firstPrior;

    /// <summary>Wraps a network (not taken over) for units of <paramref name="steps"/> steps with latents on <paramref name="grid"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is out of range.</exception>
    public VrnnLatentModel(VrnnModel network, int steps, VaeLatentGrid grid)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(grid);
        Network = network;
        Grid = grid;
        VrnnShape s = network.Shape;
        Shape = new ModelShape(steps, s.Symbols, symbolCount: 2, latentDims: s.Latents, latentCount: grid.Count,
            proposalPrecision: grid.ProposalPrecision, proposalUsesPrevious: false) { StateWords = network.StateWords };
        Identity = new ModelIdentity(Describe(network), Convert.FromHexString(network.Fingerprint)) { NumericBackend = VrnnModel.Backend };
        var freq = new uint[s.Latents * grid.Count];
        for (int l = 0; l < s.Latents; l++)
            LatentFrequencies(network.InitialPriorMean[l], network.InitialPriorLogStd[l], freq.AsSpan(l * grid.Count, grid.Count));
        _firstPrior = new QuantizedRows(s.Latents, grid.Count, grid.ProposalPrecision, freq);
    }

    /// <summary>The network.</summary>
    public VrnnModel Network { get; }

    /// <summary>The latent buckets, their decoder points and the precision of the latent tables.</summary>
    public VaeLatentGrid Grid { get; }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <inheritdoc />
    public ModelShape Shape { get; }

    /// <summary>The description recorded in messages: "vrnn 28-64-128-4 " and the checkpoint's data description.</summary>
    public static string Describe(VrnnModel network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return string.Create(CultureInfo.InvariantCulture, $"{DescriptionPrefix}{network.Shape} {network.Description}").TrimEnd();
    }

    /// <inheritdoc />
    public IModelSession OpenSession(int chains, int particles) => new Session(this, chains, particles);

    // N(mean, exp(logStd)²) over the buckets at precision r; a non-finite or extreme parameter is clamped alike on both sides.
    private void LatentFrequencies(double mean, double logStd, Span<uint> freqs) =>
        BucketGaussian.Fill(Mean(mean), Std(logStd), Grid.Buckets, Grid.ProposalPrecision, freqs);

    // log2 of bucket z's frequency in that row, in Q32 (the row's Log2Q32 entry).
    private long LatentLog(double mean, double logStd, int bucket) =>
        FixedLog2.OfRatio(BucketGaussian.Frequency(Mean(mean), Std(logStd), Grid.Buckets, Grid.ProposalPrecision, bucket), Grid.ProposalPrecision);

    private static double Mean(double mean) => double.IsFinite(mean) ? Math.Clamp(mean, -1e6, 1e6) : 0.0;

    private static double Std(double logStd) => double.IsFinite(logStd) ? DeterministicMath.Exp(Math.Clamp(logStd, -27.0, 27.0)) : 1.0;

    /// <summary>One run's buffers, allocated once.</summary>
    private sealed class Session : IModelSession, ILikelihoodRows, IParticleWeights
    {
        private readonly VrnnLatentModel _model;
        private readonly VrnnModel _net;
        private readonly int _chains, _particles, _x, _z, _f, _h, _words, _buckets, _precision;
        private readonly QuantizedRows _prior, _proposal;
        private readonly float[] _observedParts; // [t][chain][F]: the proposal's x-part
        private readonly float[] _hiddenKeys, _hidden; // per chain: the last proposal hidden layer and its two inputs
        private readonly bool[] _hiddenValid;
        private readonly float[] _parents, _points, _out, _logits, _lineageLogits; // network inputs and outputs, [chain range rows][..]
        private readonly byte[] _symbols;

        public Session(VrnnLatentModel model, int chains, int particles)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chains);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(particles);
            _model = model;
            _net = model.Network;
            _chains = chains;
            _particles = particles;
            VrnnShape s = _net.Shape;
            (_x, _z, _f, _h, _words) = (s.Symbols, s.Latents, s.Features, s.Hidden, _net.StateWords);
            (_buckets, _precision) = (model.Grid.Count, model.Grid.ProposalPrecision);
            if ((long)chains * _z * _buckets > QuantizedRows.MaxEntries)
                throw new NotSupportedException($"{chains} chains x {_z} latents x {_buckets} buckets of latent rows are above the {QuantizedRows.MaxEntries} " +
                    "entries one table holds: use fewer chains or fewer latent bits.");
            _prior = QuantizedRows.CreateWritable(chains * _z, _buckets, _precision);
            _proposal = QuantizedRows.CreateWritable(chains * _z, _buckets, _precision);
            _observedParts = new float[checked(model.Shape.Steps * chains * _f)];
            _hiddenKeys = new float[checked(chains * 2 * _f)];
            _hiddenValid = new bool[chains];
            _hidden = new float[checked(chains * _f)];
            int rows = checked(chains * particles);
            _parents = new float[checked(rows * _h)];
            _points = new float[checked(rows * _z)];
            _out = new float[checked(rows * _words)];
            _logits = new float[checked(rows * _x)];
            _lineageLogits = new float[checked(chains * _x)];
            _symbols = new byte[checked(rows * _x)];
        }

        /// <summary>The x-part of the proposal of step t for the batch's chains (one network pass).</summary>
        public void Observe(in ObservedBatch batch)
        {
            int a = batch.Count, first = batch.FirstChain, x = _x;
            if (a == 0) return;
            lock (_net)
            {
                Span<byte> symbols = _symbols.AsSpan(0, a * x);
                for (int w = 0; w < x; w++)
                {
                    ReadOnlySpan<int> column = batch.Observed(w);
                    for (int q = 0; q < a; q++) symbols[q * x + w] = Bit(column[q], w, first + q);
                }
                _net.ObservedPart(symbols, a, _observedParts.AsSpan((batch.Step * _chains + first) * _f, a * _f));
            }
        }

        /// <summary>s_t of every particle of the batch: one network pass over chains × particles.</summary>
        public void AdvanceState(in StateBatch batch)
        {
            int a = batch.Count, p = batch.Particles, rows = a * p, x = _x, z = _z, words = _words, hw = _h;
            if (a == 0) return;
            ReadOnlySpan<float> points = _model.Grid.Points;
            lock (_net)
            {
                Span<byte> symbols = _symbols.AsSpan(0, rows * x);
                for (int w = 0; w < x; w++)
                {
                    ReadOnlySpan<int> column = batch.Observed(w);
                    for (int q = 0; q < a; q++)
                    {
                        byte bit = Bit(column[q], w, batch.FirstChain + q);
                        for (int i = 0; i < p; i++) symbols[(q * p + i) * x + w] = bit;
                    }
                }
                for (int i = 0; i < p; i++)
                    for (int l = 0; l < z; l++)
                    {
                        ReadOnlySpan<int> latent = batch.Latent(i, l);
                        for (int q = 0; q < a; q++) _points[(q * p + i) * z + l] = points[latent[q]];
                    }
                Span<float> parents = default;
                if (batch.HasParents)
                {
                    parents = _parents.AsSpan(0, rows * hw);
                    for (int i = 0; i < p; i++)
                        for (int k = 0; k < hw; k++)
                        {
                            ReadOnlySpan<int> word = batch.ParentState(i, k);
                            for (int q = 0; q < a; q++) parents[(q * p + i) * hw + k] = BitConverter.Int32BitsToSingle(word[q]);
                        }
                }
                Span<float> states = _out.AsSpan(0, rows * words);
                _net.Advance(parents, symbols, _points.AsSpan(0, rows * z), rows, states);
                for (int i = 0; i < p; i++)
                    for (int k = 0; k < words; k++)
                    {
                        Span<int> word = batch.NewState(i, k);
                        for (int q = 0; q < a; q++) word[q] = BitConverter.SingleToInt32Bits(states[(q * p + i) * words + k]);
                    }
            }
        }

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows)
        {
            int l = query.Dimension, n = query.Count;
            if (!query.HasState)
            {
                for (int q = 0; q < n; q++) rows[q] = l;
                return _model._firstPrior;
            }
            Span<uint> freqs = stackalloc uint[_buckets];
            ReadOnlySpan<int> mean = query.State(_net.PriorOffset + l), logStd = query.State(_net.PriorOffset + _z + l);
            for (int q = 0; q < n; q++)
            {
                _model.LatentFrequencies(BitConverter.Int32BitsToSingle(mean[q]), BitConverter.Int32BitsToSingle(logStd[q]), freqs);
                int row = (query.FirstChain + q) * _z + l;
                _prior.SetRow(row, freqs);
                rows[q] = row;
            }
            return _prior;
        }

        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows)
        {
            int l = query.Dimension, n = query.Count, f = _f;
            Span<uint> freqs = stackalloc uint[_buckets];
            Span<float> fromState = stackalloc float[f];
            for (int q = 0; q < n; q++)
            {
                int chain = query.FirstChain + q;
                ProposalState(query, q, fromState);
                ReadOnlySpan<float> observedPart = ObservedPart(query.Step, chain);
                // The passes ask a particle's dimensions one after another: the hidden layer is kept per chain with the inputs it
                // came from, and reused only when both are bit for bit the same (so the answer is the same as computing it afresh).
                Span<float> key = _hiddenKeys.AsSpan(chain * 2 * f, 2 * f), hidden = _hidden.AsSpan(chain * f, f);
                bool ready = _hiddenValid[chain] && SameBits(key[..f], fromState) && SameBits(key[f..], observedPart);
                if (!ready)
                {
                    fromState.CopyTo(key);
                    observedPart.CopyTo(key[f..]);
                    _hiddenValid[chain] = true;
                }
                (double mean, double logStd) = _net.ProposalHead(fromState, observedPart, l, hidden, ready);
                _model.LatentFrequencies(mean, logStd, freqs);
                int row = (query.FirstChain + q) * _z + l;
                _proposal.SetRow(row, freqs);
                rows[q] = row;
            }
            return _proposal;
        }

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows)
        {
            int n = query.Count, w = query.Dimension;
            ReadOnlySpan<float> logits = QueryLogits(query);
            for (int q = 0; q < n; q++) rows[q] = (int)BernoulliQuantizer.FrequencyOfOneFromLogit(logits[q * _x + w], SymbolPrecision) - 1;
            return VaeLatentModel.PixelTable;
        }

        /// <summary>Every position's row of the query's particles from one decoder pass (the same rows as <see cref="Likelihood"/>).</summary>
        public QuantizedRows LikelihoodRows(in LatentQuery query, int positions, Span<int> rows, int stride)
        {
            if (positions != _x) throw new ArgumentOutOfRangeException(nameof(positions), positions, $"The model has {_x} symbols a step.");
            ReadOnlySpan<float> logits = QueryLogits(query);
            Span<uint> f1 = stackalloc uint[LogitChunk];
            for (int q = 0; q < query.Count; q++)
                for (int w0 = 0; w0 < positions; w0 += LogitChunk)
                {
                    int width = Math.Min(LogitChunk, positions - w0);
                    BernoulliQuantizer.FrequenciesOfOneFromLogits(logits.Slice(q * _x + w0, width), SymbolPrecision, f1[..width]);
                    for (int w = 0; w < width; w++) rows[(w0 + w) * stride + q] = (int)f1[w] - 1;
                }
            return VaeLatentModel.PixelTable;
        }

        /// <summary>Σ_w log2 p(x_t,w | z_t, h_{t-1}) of the query's particles from one decoder pass.</summary>
        public void AddLogLikelihood(in LatentQuery query, int positions, Span<int> rows, Span<long> sums)
        {
            if (positions != _x) throw new ArgumentOutOfRangeException(nameof(positions), positions, $"The model has {_x} symbols a step.");
            ReadOnlySpan<float> logits = QueryLogits(query);
            for (int q = 0; q < query.Count; q++)
            {
                long sum = 0;
                for (int w = 0; w < _x; w++)
                    sum += SymbolLog(logits[q * _x + w], query.Observed(w)[q]);
                sums[q] += sum;
            }
        }

        /// <summary>The weight increments of every particle of a step: one decoder pass over chains × particles for the symbols,
        /// and the prior and proposal rows rebuilt in scratch for the latents (the per-query route's integers).</summary>
        public void AddLogWeights(in ParticleWeightBatch batch, Span<long> sums)
        {
            int a = batch.Count, p = batch.Particles, rows = a * p, x = _x, z = _z, hw = _h, t = batch.Step, f = _f;
            if (a == 0) return;
            int firstRow = batch.FirstChain * _particles;
            ReadOnlySpan<float> points = _model.Grid.Points;
            Span<float> logits = _logits.AsSpan(firstRow * x, rows * x);
            lock (_net)
            {
                for (int i = 0; i < p; i++)
                    for (int l = 0; l < z; l++)
                    {
                        ReadOnlySpan<int> latent = batch.Latent(i, l);
                        for (int q = 0; q < a; q++) _points[(q * p + i) * z + l] = points[latent[q]];
                    }
                Span<float> parents = default;
                if (t > 0)
                {
                    parents = _parents.AsSpan(0, rows * hw);
                    for (int i = 0; i < p; i++)
                        for (int k = 0; k < hw; k++)
                        {
                            ReadOnlySpan<int> word = batch.ParentState(i, k);
                            for (int q = 0; q < a; q++) parents[(q * p + i) * hw + k] = BitConverter.Int32BitsToSingle(word[q]);
                        }
                }
                _net.Logits(parents, _points.AsSpan(0, rows * z), rows, logits);
            }
            Span<float> fromState = stackalloc float[f], hidden = stackalloc float[f];
            int meanAt = _net.PriorOffset, proposalAt = _net.ProposalOffset;
            for (int q = 0; q < a; q++)
            {
                ReadOnlySpan<float> observedPart = ObservedPart(t, batch.FirstChain + q);
                for (int i = 0; i < p; i++)
                {
                    long sum = 0;
                    for (int w = 0; w < x; w++) sum += SymbolLog(logits[(q * p + i) * x + w], batch.Observed(w)[q]);
                    if (t > 0)
                        for (int k = 0; k < f; k++) fromState[k] = BitConverter.Int32BitsToSingle(batch.ParentState(i, proposalAt + k)[q]);
                    else
                        _net.InitialProposalState.CopyTo(fromState);
                    for (int l = 0; l < z; l++)
                    {
                        int bucket = batch.Latent(i, l)[q];
                        sum += t > 0
                            ? _model.LatentLog(BitConverter.Int32BitsToSingle(batch.ParentState(i, meanAt + l)[q]),
                                BitConverter.Int32BitsToSingle(batch.ParentState(i, meanAt + z + l)[q]), bucket)
                            : _model._firstPrior.Log2Q32[l * _buckets + bucket];
                        (double mean, double logStd) = _net.ProposalHead(fromState, observedPart, l, hidden, ready: l > 0);
                        sum -= _model.LatentLog(mean, logStd, bucket);
                    }
                    sums[q * p + i] += sum;
                }
            }
        }

        // The proposal's h-part for query q: the parent's state words, or the fixed one of h = 0 at t = 0.
        private void ProposalState(in LatentQuery query, int q, Span<float> fromState)
        {
            if (!query.HasState)
            {
                _net.InitialProposalState.CopyTo(fromState);
                return;
            }
            int at = _net.ProposalOffset;
            for (int k = 0; k < fromState.Length; k++) fromState[k] = BitConverter.Int32BitsToSingle(query.State(at + k)[q]);
        }

        private static bool SameBits(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
            System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(b));

        private ReadOnlySpan<float> ObservedPart(int t, int chain) => _observedParts.AsSpan((t * _chains + chain) * _f, _f);

        // Logits of the query's particles (z_t from Latent, h_{t-1} from State): one decoder pass (the model pass asks once per
        // step and chain range), into the query's chains' rows of the lineage buffer (chain ranges never overlap).
        private ReadOnlySpan<float> QueryLogits(in LatentQuery query)
        {
            int n = query.Count, z = _z, hw = _h, first = query.FirstChain;
            if (first + n > _chains) throw new ArgumentOutOfRangeException(nameof(query), $"Chains {first}..{first + n - 1} are not all below {_chains}.");
            Span<float> logits = _lineageLogits.AsSpan(first * _x, n * _x);
            ReadOnlySpan<float> points = _model.Grid.Points;
            lock (_net)
            {
                Span<float> latents = _points.AsSpan(0, n * z);
                for (int l = 0; l < z; l++)
                {
                    ReadOnlySpan<int> latent = query.Latent(l);
                    for (int q = 0; q < n; q++) latents[q * z + l] = points[latent[q]];
                }
                Span<float> parents = default;
                if (query.HasState)
                {
                    parents = _parents.AsSpan(0, n * hw);
                    for (int k = 0; k < hw; k++)
                    {
                        ReadOnlySpan<int> word = query.State(k);
                        for (int q = 0; q < n; q++) parents[q * hw + k] = BitConverter.Int32BitsToSingle(word[q]);
                    }
                }
                _net.Logits(parents, latents, n, logits);
            }
            return logits;
        }

        // log2 p(symbol | logit) in Q32 from the precision-16 Bernoulli row (the PixelTable entry the coders code with).
        private static long SymbolLog(float logit, int symbol)
        {
            uint f1 = BernoulliQuantizer.FrequencyOfOneFromLogit(logit, SymbolPrecision);
            return VaeLatentModel.Log2Ratio16[symbol != 0 ? f1 : (1u << SymbolPrecision) - f1];
        }

        private static byte Bit(int value, int w, int chain) =>
            value is 0 or 1 ? (byte)value : throw new ArgumentException($"Symbol {w} of chain {chain} is {value}, not 0 or 1.");

        public void Dispose()
        {
        }
    }
}

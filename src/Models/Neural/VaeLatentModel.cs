// VaeLatentModel: a trained binary VAE (VaeModel) as a model of the public contract (ILatentModel), so the
// generic coder passes run BB-ELBO, BB-IS and BB-CIS on it. One step per image: D = Pixels symbols
// (0/1 pixels) and L = Latents latent dimensions, each a bucket of the run's VaeLatentGrid: 2^k equal-mass
// buckets of N(0, 1) (k = 8 in formats 1-4, up to 12 from format 5).
//   prior       p(z_l) = uniform over the buckets at precision k: one fixed 1 x 2^k table, every freq 1,
//               so bucket z codes at start z (VaeLatentGrid.PriorTable);
//   proposal    q(z_l | x) = the encoder's N(mean_l, std_l²) discretised over the buckets at precision k + 8
//               (DiscretizedGaussian, every bucket >= 1), one row per (chain, latent) in a writable table
//               the session rewrites when it observes an image (Observe: one encoder pass per chain range);
//   likelihood  p(x_d | z) = Bernoulli(sigmoid(logit_d)) from the decoder at the grid's bucket points, quantised at
//               precision 16 (BernoulliQuantizer: 0 takes [0, M - f1), 1 takes [M - f1, M)). Every such row is
//               one of the 2^16 - 1 rows of the fixed table PixelTable (row f1 - 1 = [M - f1, f1]); the session
//               runs the decoder once over all chains × particles of a step (PrepareLikelihood) and keeps the
//               logits, so a query only turns the named particle's logit into its row, and the importance
//               weight's pixel sum (AddLogLikelihood) is one tight loop per particle over its D logits with
//               a 2^16-entry log table (the same FixedLog2 values as PixelTable's Log2Q32). Whole rows of logits
//               go through BernoulliQuantizer's vector form (the same integers as the scalar one, several at once).
// Decoder rows depend only on their own input (VaeModel pads every pass to 64-row blocks), so the rows a
// decoder gets from other batches (the lineage alone before the particles exist) are the same bits.
// Every weight is a sum of table logs (FixedLog2), so encoder and decoder agree exactly. The identity is the
// network's: description "vae <shape> classes=.. binarization=.." and the SHA-256 parameter fingerprint.
// The network is not thread-safe: a session serialises its network calls on it, so sessions of one network
// may run at once (slowly) and chain ranges of one session may call the hooks concurrently.
using System.Globalization;
using Engine.Ans.Quantization;
using Engine.Modeling;

namespace Engine.Models.Neural;

/// <summary>A binary VAE as an <see cref="ILatentModel"/>: Gaussian latents on equal-mass buckets (<see cref="VaeLatentGrid"/>),
/// Bernoulli pixels.</summary>
public sealed class VaeLatentModel : ILatentModel
{
    /// <summary>Precision of the Bernoulli pixel tables p(x_d | z).</summary>
    public const int PixelPrecision = 16;

    /// <summary>Prefix of every VAE model description.</summary>
    public const string DescriptionPrefix = "vae ";

    // Pixels whose frequencies are computed at once (BernoulliQuantizer's vector form) into a stack buffer.
    private const int LogitChunk = 256;

    // Proposal entries (rows x buckets) of one Observe above which the rows are quantised on several cores.
    private const long ParallelEntries = 1 << 15;

    private static readonly Lazy<long[]> LazyLog2 = new(() =>
    {
        var t = new long[(1 << PixelPrecision) + 1];
        for (uint f = 1; f < t.Length; f++) t[f] = FixedLog2.OfRatio(f, PixelPrecision);
        return t;
    });

    private static readonly Lazy<QuantizedRows> LazyPixels = new(() =>
    {
        const uint total = 1u << PixelPrecision;
        var freq = new uint[2 * (total - 1)];
        for (uint f1 = 1; f1 < total; f1++)
        {
            freq[2 * (f1 - 1)] = total - f1;
            freq[2 * (f1 - 1) + 1] = f1;
        }
        return new QuantizedRows((int)total - 1, 2, PixelPrecision, freq);
    });

    /// <summary>Wraps a network (not taken over: the caller keeps and disposes it) with its latents on <paramref name="grid"/>
    /// (<see cref="VaeLatentGrid.Default"/> when null).</summary>
    /// <exception cref="ArgumentException">The network's fingerprint is not 64 hex digits.</exception>
    public VaeLatentModel(VaeModel network, VaeLatentGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        Grid = grid ?? VaeLatentGrid.Default;
        Identity = new ModelIdentity(Describe(network), Convert.FromHexString(network.Fingerprint)) { NumericBackend = VaeModel.Backend };
        Shape = new ModelShape(steps: 1, symbolsPerStep: network.Pixels, symbolCount: 2, latentDims: network.Latents,
            latentCount: Grid.Count, proposalPrecision: Grid.ProposalPrecision, proposalUsesPrevious: false);
    }

    /// <summary>The network.</summary>
    public VaeModel Network { get; }

    /// <summary>The latent buckets, proposal precision and decoder points of this run.</summary>
    public VaeLatentGrid Grid { get; }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <inheritdoc />
    public ModelShape Shape { get; }

    /// <summary>Every Bernoulli pixel row at precision 16: row f1 - 1 = [2^16 - f1, f1] for f1 = 1 .. 2^16 - 1.</summary>
    public static QuantizedRows PixelTable => LazyPixels.Value;

    /// <summary>log2(f / 2^16) in Q32 (FixedLog2.OfRatio) for f in [1, 2^16]; index 0 unused.</summary>
    internal static long[] Log2Ratio16 => LazyLog2.Value;

    /// <summary>The description recorded in messages: "vae 784-200-200-50 classes=0-4 binarization=Threshold".</summary>
    public static string Describe(VaeModel network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return string.Create(CultureInfo.InvariantCulture,
            $"{DescriptionPrefix}{network.Header.Shape} classes={network.Header.Classes} binarization={network.Header.Binarization}");
    }

    /// <inheritdoc />
    public IModelSession OpenSession(int chains, int particles) => new Session(this, chains, particles);

    /// <summary>One run's buffers, allocated once: proposal rows per (chain, latent), the chains' images, and decoder inputs
    /// and logits of every (chain, particle) of the last prepared batch.</summary>
    private sealed class Session : IModelSession, ILikelihoodRows
    {
        private readonly VaeModel _net;
        private readonly VaeLatentGrid _grid;
        private readonly int _l, _d;
        private readonly QuantizedRows _proposal;
        private readonly float[] _mean, _std, _netIn, _logits;
        private readonly byte[] _images;
        private readonly uint[] _freqs;
        private int _prepared = 1;

        public Session(VaeLatentModel model, int chains, int particles)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chains);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(particles);
            _net = model.Network;
            _grid = model.Grid;
            _freqs = new uint[_grid.Count];
            _l = model.Shape.LatentDims;
            _d = model.Shape.SymbolsPerStep;
            if ((long)chains * _l * _grid.Count > QuantizedRows.MaxEntries)
                throw new NotSupportedException($"{chains} chains x {_l} latents x {_grid.Count} buckets of proposal rows are above the {QuantizedRows.MaxEntries} " +
                    "entries one table holds: use fewer chains or fewer latent bits.");
            _proposal = QuantizedRows.CreateWritable(checked(chains * _l), _grid.Count, _grid.ProposalPrecision);
            _mean = new float[chains * _l];
            _std = new float[chains * _l];
            _images = new byte[checked(chains * _d)];
            long rows = (long)chains * particles;
            _netIn = new float[checked((int)(rows * _l))];
            _logits = new float[checked((int)(rows * _d))];
        }

        /// <summary>Runs the encoder on the batch's images and rewrites their proposal rows (chain b, latent l: row b L + l).</summary>
        public void Observe(in ObservedBatch batch)
        {
            int a = batch.Count, first = batch.FirstChain, l = _l, d = _d;
            if (a == 0) return;
            lock (_net)
            {
                Span<byte> images = _images.AsSpan(first * d, a * d);
                for (int w = 0; w < d; w++)
                {
                    ReadOnlySpan<int> x = batch.Observed(w);
                    for (int q = 0; q < a; q++)
                        images[q * d + w] = x[q] is 0 or 1 ? (byte)x[q] : throw new ArgumentException($"Pixel {w} of chain {first + q} is {x[q]}, not 0 or 1.", nameof(batch));
                }
                _net.Encode(images, a, _mean.AsSpan(first * l, a * l), _std.AsSpan(first * l, a * l));
            }
            // The rows of this chain range are its own, so they are quantised outside the network's lock; a fine grid's many
            // rows (2^k buckets each) are spread over the cores. Each row depends only on its mean and std: the same tables
            // however they are split.
            int rows = a * l, at = first * l;
            if ((long)rows * _grid.Count >= ParallelEntries && rows > 1 && Environment.ProcessorCount > 1)
                Parallel.For(0, rows, () => new uint[_grid.Count], (r, _, freqs) => { QuantizeRow(at + r, freqs); return freqs; }, _ => { });
            else
                for (int r = 0; r < rows; r++) QuantizeRow(at + r, _freqs);
        }

        // Proposal row r = the discretised N(mean_r, std_r^2) at the grid's proposal precision.
        private void QuantizeRow(int r, uint[] freqs)
        {
            double s = _std[r];
            // A std that underflowed to 0 (or a non-finite one) still needs a valid table: both sides clamp alike.
            if (!(s >= 1e-12) || !double.IsFinite(s)) s = double.IsFinite(s) ? 1e-12 : 1e12;
            double m = double.IsFinite(_mean[r]) ? _mean[r] : 0.0;
            DiscretizedGaussian.Quantize(m, s, _grid.Buckets, _grid.ProposalPrecision, freqs);
            _proposal.SetRow(r, freqs);
        }

        /// <summary>One decoder pass over every (chain, particle) of the batch at the bucket centres; keeps the logits of
        /// chain b, particle i at [(b P + i) D ..].</summary>
        public void PrepareLikelihood(in LatentBatch batch)
        {
            int a = batch.Count, first = batch.FirstChain, p = batch.Particles, l = _l, d = _d;
            if (a == 0) return;
            if (batch.Dims != l) throw new ArgumentException($"The batch has {batch.Dims} latent dimensions; the model has {l}.", nameof(batch));
            ReadOnlySpan<float> centres = _grid.Points;
            lock (_net)
            {
                _prepared = p;
                int rows = a * p, firstRow = first * p;
                Span<float> input = _netIn.AsSpan(firstRow * l, rows * l);
                for (int i = 0; i < p; i++)
                    for (int k = 0; k < l; k++)
                    {
                        ReadOnlySpan<int> z = batch.Latent(i, k);
                        for (int q = 0; q < a; q++) input[(q * p + i) * l + k] = centres[z[q]];
                    }
                _net.DecodeLogits(input, rows, _logits.AsSpan(firstRow * d, rows * d));
            }
        }

        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows)
        {
            int l = _l, at = query.FirstChain * l + query.Dimension;
            for (int q = 0; q < query.Count; q++) rows[q] = at + q * l;
            return _proposal;
        }

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows)
        {
            rows[..query.Count].Clear();
            return _grid.PriorTable;
        }

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows)
        {
            if (!query.HasSlots) return Unprepared(query, rows);
            ReadOnlySpan<int> slots = query.Slots;
            int p = _prepared, d = _d, w = query.Dimension, first = query.FirstChain;
            float[] logits = _logits;
            for (int q = 0; q < query.Count; q++)
                rows[q] = (int)BernoulliQuantizer.FrequencyOfOneFromLogit(logits[((first + q) * p + slots[q]) * d + w], PixelPrecision) - 1;
            return PixelTable;
        }

        /// <summary>Every pixel's row at once (the model pass): the same rows as <see cref="Likelihood"/> pixel by pixel.</summary>
        public QuantizedRows LikelihoodRows(in LatentQuery query, int positions, Span<int> rows, int stride)
        {
            if (positions != _d) throw new ArgumentOutOfRangeException(nameof(positions), positions, $"The model has {_d} pixels.");
            if (!query.HasSlots)
            {
                for (int w = 0; w < positions; w++) Unprepared(query.AtPosition(w), rows[(w * stride)..]);
                return PixelTable;
            }
            ReadOnlySpan<int> slots = query.Slots;
            int p = _prepared, d = _d, first = query.FirstChain;
            float[] logits = _logits;
            Span<uint> f1 = stackalloc uint[LogitChunk];
            for (int q = 0; q < query.Count; q++)
            {
                int at = ((first + q) * p + slots[q]) * d;
                for (int w0 = 0; w0 < positions; w0 += LogitChunk)
                {
                    int width = Math.Min(LogitChunk, positions - w0);
                    BernoulliQuantizer.FrequenciesOfOneFromLogits(logits.AsSpan(at + w0, width), PixelPrecision, f1[..width]);
                    for (int w = 0; w < width; w++) rows[(w0 + w) * stride + q] = (int)f1[w] - 1;
                }
            }
            return PixelTable;
        }

        /// <summary>Σ_d log2 p(x_d | z) of each query's prepared particle, from its logits and the chain's observed image
        /// (the one Observe saw); unprepared particles go through <see cref="Likelihood"/> per pixel.</summary>
        public void AddLogLikelihood(in LatentQuery query, int positions, Span<int> rows, Span<long> sums)
        {
            int count = query.Count, d = _d;
            if (positions != d) throw new ArgumentOutOfRangeException(nameof(positions), positions, $"The model has {d} pixels.");
            if (!query.HasSlots)
            {
                for (int w = 0; w < d; w++)
                {
                    QuantizedRows table = Likelihood(query.AtPosition(w), rows);
                    ReadOnlySpan<int> x = query.Observed(w);
                    for (int q = 0; q < count; q++) sums[q] += table.Log2Q32[rows[q] * 2 + x[q]];
                }
                return;
            }
            ReadOnlySpan<int> slots = query.Slots;
            int p = _prepared, first = query.FirstChain;
            long[] log2 = Log2Ratio16;
            const uint Total = 1u << PixelPrecision;
            Span<uint> f1 = stackalloc uint[LogitChunk];
            for (int q = 0; q < count; q++)
            {
                ReadOnlySpan<float> logits = _logits.AsSpan(((first + q) * p + slots[q]) * d, d);
                ReadOnlySpan<byte> x = _images.AsSpan((first + q) * d, d);
                long sum = 0;
                for (int k0 = 0; k0 < d; k0 += LogitChunk)
                {
                    int width = Math.Min(LogitChunk, d - k0);
                    BernoulliQuantizer.FrequenciesOfOneFromLogits(logits.Slice(k0, width), PixelPrecision, f1[..width]);
                    for (int k = 0; k < width; k++) sum += log2[x[k0 + k] != 0 ? f1[k] : Total - f1[k]];
                }
                sums[q] += sum;
            }
        }

        // A likelihood query about latents no batch prepared: one decoder pass on its own rows (correct, slow; the
        // coders always prepare, so only other callers get here).
        private QuantizedRows Unprepared(in LatentQuery query, Span<int> rows)
        {
            int n = query.Count, l = _l, d = _d;
            var input = new float[n * l];
            var logits = new float[n * d];
            ReadOnlySpan<float> centres = _grid.Points;
            for (int k = 0; k < l; k++)
            {
                ReadOnlySpan<int> z = query.Latent(k);
                for (int q = 0; q < n; q++) input[q * l + k] = centres[z[q]];
            }
            lock (_net) _net.DecodeLogits(input, n, logits);
            for (int q = 0; q < n; q++)
                rows[q] = (int)BernoulliQuantizer.FrequencyOfOneFromLogit(logits[q * d + query.Dimension], PixelPrecision) - 1;
            return PixelTable;
        }

        public void Dispose()
        {
        }
    }
}

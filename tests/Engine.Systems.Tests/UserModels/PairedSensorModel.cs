// A model that implements the public contract directly (no DiscreteModel): each step has two independent
// binary latent dimensions (two switches) and three observed symbols — a reading of each switch through
// noise, and their XOR through noise — so it exercises several latent dimensions and several symbols per
// step. z_t,l follows its own sticky Markov chain; the proposal for each dimension reads only the matching
// reading x_t,l (so it is deliberately imperfect). A plain class: tables built once, rows chosen per query.
// With batchRows its session also gives all three positions' likelihood rows in one call (ILikelihoodRows).
using System.Security.Cryptography;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

internal sealed class PairedSensorModel : ILatentModel
{
    private readonly QuantizedRows _prior = QuantizedRows.FromWeights([1, 1], 1, 2, 16);
    private readonly QuantizedRows _stay = QuantizedRows.FromWeights([9, 1, 1, 9], 2, 2, 16);
    private readonly QuantizedRows _reading = QuantizedRows.FromWeights([0.9, 0.1, 0.0, 0.15, 0.85, 0.0], 2, 3, 14);
    private readonly QuantizedRows _proposal = QuantizedRows.FromWeights([0.85, 0.15, 0.2, 0.8, 0.5, 0.5], 3, 2, 10);

    private readonly bool _batchRows;

    /// <param name="steps">Steps per unit.</param>
    /// <param name="batchRows">Give the session <see cref="ILikelihoodRows"/> (every position's rows in one call); the messages must not change.</param>
    public PairedSensorModel(int steps, bool batchRows = false)
    {
        _batchRows = batchRows;
        Shape = new ModelShape(steps, symbolsPerStep: 3, symbolCount: 3, latentDims: 2, latentCount: 2, proposalPrecision: 10,
            proposalUsesPrevious: false);
        byte[] hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"paired-sensor/{steps}"));
        Identity = new ModelIdentity($"paired-sensor:T={steps}", hash[..16]);
    }

    public ModelIdentity Identity { get; }

    public ModelShape Shape { get; }

    public IModelSession OpenSession(int chains, int particles) => _batchRows ? new BatchSession(this) : new Session(this);

    /// <summary>Samples units with System.Random (tests only): symbol w of step t at [unit·3T + 3t + w].</summary>
    public byte[] Sample(int units, int seed)
    {
        var rng = new Random(seed);
        int t = Shape.Steps;
        var data = new byte[units * t * 3];
        for (int u = 0; u < units; u++)
        {
            int a = rng.Next(2), b = rng.Next(2);
            for (int s = 0; s < t; s++)
            {
                if (s > 0) { if (rng.Next(10) == 0) a ^= 1; if (rng.Next(10) == 0) b ^= 1; }
                int at = (u * t + s) * 3;
                data[at] = (byte)(rng.Next(10) == 0 ? a ^ 1 : a);
                data[at + 1] = (byte)(rng.Next(10) == 0 ? b ^ 1 : b);
                data[at + 2] = (byte)(rng.Next(8) == 0 ? a ^ b ^ 1 : a ^ b);
            }
        }
        return data;
    }

    // The same answers, plus every position's likelihood rows in one call.
    private sealed class BatchSession(PairedSensorModel m) : IModelSession, ILikelihoodRows
    {
        private readonly Session _inner = new(m);

        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows) => _inner.Proposal(query, rows);

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows) => _inner.Prior(query, rows);

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows) => _inner.Likelihood(query, rows);

        public QuantizedRows LikelihoodRows(in LatentQuery query, int positions, Span<int> rows, int stride)
        {
            ReadOnlySpan<int> a = query.Latent(0), b = query.Latent(1);
            for (int q = 0; q < query.Count; q++)
            {
                rows[q] = a[q];
                rows[stride + q] = b[q];
                rows[2 * stride + q] = a[q] ^ b[q];
            }
            return m._reading;
        }

        public void Dispose() => _inner.Dispose();
    }

    private sealed class Session(PairedSensorModel m) : IModelSession
    {
        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows)
        {
            query.Observed(query.Dimension).CopyTo(rows);
            return m._proposal;
        }

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows)
        {
            if (query.Step == 0)
            {
                rows[..query.Count].Clear();
                return m._prior;
            }
            query.Previous(query.Dimension).CopyTo(rows);
            return m._stay;
        }

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows)
        {
            // Symbols 0 and 1 read switch 0 and 1; symbol 2 reads their XOR. Row = the bit read (0/1); value 2 never occurs.
            ReadOnlySpan<int> a = query.Latent(0), b = query.Latent(1);
            for (int q = 0; q < query.Count; q++)
                rows[q] = query.Dimension switch { 0 => a[q], 1 => b[q], _ => a[q] ^ b[q] };
            return m._reading;
        }

        public void Dispose()
        {
        }
    }
}

// A model whose latent dimensions depend on each other within a step, coded in an order it chooses
// (ModelShape.LatentOrder), as a hierarchical model's layers are. Each step has three latent dimensions of four
// values and two observed symbols of six. Generatively (the decoder's order) dimension 1 comes first (sticky on
// its own previous value), then dimension 2 given dimension 1, then dimension 0 given both; x_0 reads dimension 0,
// x_1 reads dimensions 0 and 2. The proposal runs the other way: Order = [0, 2, 1], q(z0 | x0), q(z2 | z0, x1),
// q(z1 | z2). Every query reads exactly the dimensions the order makes known to it, so the coders must hand over
// the right ones (LatentQuery throws on any other) with the right values (or the round trip fails).
// ReadsTooMuch makes the proposal of dimension 0 read dimension 1, which the order does not allow.
using System.Security.Cryptography;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

internal sealed class LayeredModel : ILatentModel
{
    private const int K = 4, V = 6;
    private readonly QuantizedRows _first, _stay, _middle, _bottom, _emit0, _emit1, _q0, _q2, _q1;
    private readonly bool _readsTooMuch;

    public LayeredModel(int steps, bool readsTooMuch = false)
    {
        var rng = new Random(17);
        _first = Rows(rng, 1, K, 12);
        _stay = Sticky(rng);
        _middle = Rows(rng, K, K, 12);           // p(z2 | z1)
        _bottom = Rows(rng, K * K, K, 12);       // p(z0 | z2, z1), row z2 K + z1
        _emit0 = Rows(rng, K, V, 12);            // p(x0 | z0)
        _emit1 = Rows(rng, K, V, 12);            // p(x1 | (z0 + z2) mod K)
        _q0 = Rows(rng, V, K, 12);               // q(z0 | x0)
        _q2 = Rows(rng, K * V, K, 12);           // q(z2 | z0, x1), row z0 V + x1
        _q1 = Rows(rng, K, K, 12);               // q(z1 | z2)
        _readsTooMuch = readsTooMuch;
        Shape = new ModelShape(steps, symbolsPerStep: 2, symbolCount: V, latentDims: 3, latentCount: K, proposalPrecision: 12,
            proposalUsesPrevious: false) { LatentOrder = [0, 2, 1] };
        Identity = new ModelIdentity($"layered:T={steps}", SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"layered/{steps}"))[..16]);
    }

    public ModelIdentity Identity { get; }

    public ModelShape Shape { get; }

    public IModelSession OpenSession(int chains, int particles) => new Session(this);

    /// <summary>Samples units from the generative model (symbol w of step t at [unit·2T + 2t + w]).</summary>
    public byte[] Sample(int units, int seed)
    {
        var rng = new Random(seed);
        int steps = Shape.Steps;
        var data = new byte[units * steps * 2];
        for (int u = 0; u < units; u++)
        {
            int z1 = 0;
            for (int t = 0; t < steps; t++)
            {
                z1 = Draw(rng, t == 0 ? _first : _stay, t == 0 ? 0 : z1);
                int z2 = Draw(rng, _middle, z1);
                int z0 = Draw(rng, _bottom, z2 * K + z1);
                data[(u * steps + t) * 2] = (byte)Draw(rng, _emit0, z0);
                data[(u * steps + t) * 2 + 1] = (byte)Draw(rng, _emit1, (z0 + z2) % K);
            }
        }
        return data;
    }

    private static int Draw(Random rng, QuantizedRows table, int row) => table.Lookup(row, (uint)rng.Next(1 << table.Precision));

    private static QuantizedRows Rows(Random rng, int rows, int width, int precision) =>
        QuantizedRows.FromWeights(Enumerable.Range(0, rows * width).Select(_ => 0.2 + rng.NextDouble()).ToArray(), rows, width, precision);

    private static QuantizedRows Sticky(Random rng)
    {
        var w = new double[K * K];
        for (int a = 0; a < K; a++)
            for (int b = 0; b < K; b++) w[a * K + b] = a == b ? 6 : 0.3 + rng.NextDouble();
        return QuantizedRows.FromWeights(w, K, K, 12);
    }

    private sealed class Session(LayeredModel m) : IModelSession
    {
        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows)
        {
            int n = query.Count;
            switch (query.Dimension)
            {
                case 0:
                    if (m._readsTooMuch) _ = query.Latent(1);
                    query.Observed(0).CopyTo(rows);
                    return m._q0;
                case 2:
                    ReadOnlySpan<int> z0 = query.Latent(0), x1 = query.Observed(1);
                    for (int q = 0; q < n; q++) rows[q] = z0[q] * V + x1[q];
                    return m._q2;
                default:
                    query.Latent(2).CopyTo(rows);
                    return m._q1;
            }
        }

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows)
        {
            int n = query.Count;
            switch (query.Dimension)
            {
                case 1:
                    if (query.Step == 0)
                    {
                        rows[..n].Clear();
                        return m._first;
                    }
                    query.Previous(1).CopyTo(rows);
                    return m._stay;
                case 2:
                    query.Latent(1).CopyTo(rows);
                    return m._middle;
                default:
                    ReadOnlySpan<int> z2 = query.Latent(2), z1 = query.Latent(1);
                    for (int q = 0; q < n; q++) rows[q] = z2[q] * K + z1[q];
                    return m._bottom;
            }
        }

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows)
        {
            ReadOnlySpan<int> z0 = query.Latent(0);
            if (query.Dimension == 0)
            {
                z0.CopyTo(rows);
                return m._emit0;
            }
            ReadOnlySpan<int> z2 = query.Latent(2);
            for (int q = 0; q < query.Count; q++) rows[q] = (z0[q] + z2[q]) % K;
            return m._emit1;
        }

        public void Dispose()
        {
        }
    }
}

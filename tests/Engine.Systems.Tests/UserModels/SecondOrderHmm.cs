// A model with per-particle state, written against the public contract: a second-order HMM whose transition reads the
// last two latents, p(z_t | z_{t-1}, z_{t-2}), and whose emission reads a running sum of the path so far,
// p(x_t | z_t, Σ_{s<t} z_s mod 3). Neither is visible in the previous latent alone, so the model keeps them in its
// state s_t = (z_t, z_{t-1}, Σ_{s≤t} z_s mod 3) and the coders must carry that state along the resampled ancestry.
// Every query checks the coders' bookkeeping: where a query carries both the parent's latent and its state, word 0 of
// the state must be that latent, and a state must be in range — a state taken from the wrong particle fails loudly
// instead of merely coding worse.
using System.Security.Cryptography;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

internal sealed class SecondOrderHmm : ILatentModel
{
    public const int K = 4, V = 5, Words = 3;

    private readonly QuantizedRows _prior = QuantizedRows.FromWeights([4, 3, 2, 1], 1, K, 16);
    private readonly QuantizedRows _transition;
    private readonly QuantizedRows _emission;
    private readonly QuantizedRows _firstProposal;
    private readonly QuantizedRows _proposal;

    /// <summary>Counts the state updates it was asked for (tests read it to see the coders used the state path).</summary>
    public long Advanced;

    public SecondOrderHmm(int steps)
    {
        var rng = new Random(41);
        _transition = QuantizedRows.FromWeights(Weights(rng, K * K, K), K * K, K, 16);
        _emission = QuantizedRows.FromWeights(Weights(rng, K * 3, V), K * 3, V, 16);
        _firstProposal = QuantizedRows.FromWeights(Weights(rng, V, K), V, K, 12);
        _proposal = QuantizedRows.FromWeights(Weights(rng, K * V, K), K * V, K, 12);
        Shape = new ModelShape(steps, 1, V, 1, K, 12, proposalUsesPrevious: true) { StateWords = Words };
        byte[] hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"second-order-hmm/{steps}"));
        Identity = new ModelIdentity($"second-order-hmm:T={steps}", hash[..16]);
    }

    public ModelIdentity Identity { get; }

    public ModelShape Shape { get; }

    public IModelSession OpenSession(int chains, int particles) => new Session(this);

    /// <summary>Samples units from the model itself (System.Random; tests only).</summary>
    public byte[] Sample(int units, int seed)
    {
        var rng = new Random(seed);
        int steps = Shape.Steps;
        var data = new byte[units * steps];
        for (int u = 0; u < units; u++)
        {
            int z1 = 0, z2 = 0, sum = 0;
            for (int t = 0; t < steps; t++)
            {
                int z = Draw(rng, t == 0 ? _prior : _transition, t == 0 ? 0 : z2 * K + z1);
                data[u * steps + t] = (byte)Draw(rng, _emission, z * 3 + sum);
                (z2, z1, sum) = (z1, z, (sum + z) % 3);
            }
        }
        return data;
    }

    private static int Draw(Random rng, QuantizedRows table, int row)
    {
        uint u = (uint)rng.Next(1 << table.Precision);
        return table.Lookup(row, u);
    }

    private static double[] Weights(Random rng, int rows, int width)
    {
        var w = new double[rows * width];
        for (int i = 0; i < w.Length; i++) w[i] = 0.2 + rng.NextDouble() * (i % (width + 1) == 0 ? 4 : 1);
        return w;
    }

    private sealed class Session(SecondOrderHmm m) : IModelSession
    {
        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows)
        {
            ReadOnlySpan<int> x = query.Observed(0);
            if (query.Step == 0)
            {
                x.CopyTo(rows);
                return m._firstProposal;
            }
            ReadOnlySpan<int> z1 = query.Previous(0);
            CheckState(query, z1);
            for (int q = 0; q < query.Count; q++) rows[q] = z1[q] * V + x[q];
            return m._proposal;
        }

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows)
        {
            if (query.Step == 0)
            {
                rows[..query.Count].Clear();
                return m._prior;
            }
            CheckState(query, query.Previous(0));
            ReadOnlySpan<int> z1 = query.State(0), z2 = query.State(1);
            for (int q = 0; q < query.Count; q++) rows[q] = z2[q] * K + z1[q];
            return m._transition;
        }

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows)
        {
            ReadOnlySpan<int> z = query.Latent(0);
            if (query.Step == 0)
            {
                for (int q = 0; q < query.Count; q++) rows[q] = z[q] * 3;
                return m._emission;
            }
            CheckState(query, default);
            ReadOnlySpan<int> sum = query.State(2);
            for (int q = 0; q < query.Count; q++) rows[q] = z[q] * 3 + sum[q];
            return m._emission;
        }

        public void AdvanceState(in StateBatch batch)
        {
            Interlocked.Add(ref m.Advanced, (long)batch.Count * batch.Particles);
            for (int i = 0; i < batch.Particles; i++)
            {
                ReadOnlySpan<int> z = batch.Latent(i, 0);
                Span<int> z1 = batch.NewState(i, 0), z2 = batch.NewState(i, 1), sum = batch.NewState(i, 2);
                for (int q = 0; q < batch.Count; q++)
                {
                    int parentZ = batch.HasParents ? batch.ParentState(i, 0)[q] : 0;
                    int parentSum = batch.HasParents ? batch.ParentState(i, 2)[q] : 0;
                    (z1[q], z2[q], sum[q]) = (z[q], parentZ, (parentSum + z[q]) % 3);
                }
            }
        }

        // A query about step t > 0 must carry its parent's state; where it also carries the parent's latent, the state's word 0 is
        // that latent (the state was gathered through the same ancestor).
        private static void CheckState(in LatentQuery query, ReadOnlySpan<int> parentLatent)
        {
            if (!query.HasState) throw new InvalidOperationException($"step {query.Step}: a query without the parent's state");
            ReadOnlySpan<int> z1 = query.State(0), z2 = query.State(1), sum = query.State(2);
            for (int q = 0; q < query.Count; q++)
            {
                if ((uint)z1[q] >= K || (uint)z2[q] >= K || (uint)sum[q] >= 3)
                    throw new InvalidOperationException($"step {query.Step}: state ({z1[q]}, {z2[q]}, {sum[q]}) out of range");
                if (!parentLatent.IsEmpty && parentLatent[q] != z1[q])
                    throw new InvalidOperationException($"step {query.Step}: the state says the parent's latent is {z1[q]}, the coder says {parentLatent[q]}");
            }
        }

        public void Dispose()
        {
        }
    }
}

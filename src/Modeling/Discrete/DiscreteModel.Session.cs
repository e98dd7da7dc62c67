// DiscreteModel.TableSession: the table model's answers to the coders' queries. Stateless (so concurrent
// calls for disjoint chain ranges are safe): each answer is a fixed table and a row computed from the
// query's observation and previous latent; the likelihood score is summed straight from the emission table, and
// a whole step's weight increments likewise (IParticleWeights: one call per step instead of three per slot).
namespace Engine.Modeling.Discrete;

public partial class DiscreteModel
{
    private sealed class TableSession(DiscreteModel model) : IModelSession, IParticleWeights
    {
        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows)
        {
            int t = query.Step;
            ReadOnlySpan<int> x = query.Observed(0);
            if (t == 0 || model.ProposalInput == ProposalInput.Observation)
            {
                x.CopyTo(rows);
                return model.ProposalAt(t);
            }
            ReadOnlySpan<int> previous = query.Previous(0);
            if (model.ProposalInput == ProposalInput.Previous)
            {
                previous.CopyTo(rows);
                return model.Proposal;
            }
            int v = model.SymbolCount;
            for (int q = 0; q < query.Count; q++) rows[q] = previous[q] * v + x[q];
            return model.Proposal;
        }

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows)
        {
            if (query.Step == 0)
            {
                rows[..query.Count].Clear();
                return model.Prior;
            }
            query.Previous(0).CopyTo(rows);
            return model.Transition!;
        }

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows)
        {
            query.Latent(0).CopyTo(rows);
            return model.Emission;
        }

        // The emission row is the latent itself, so the score is one lookup per query: the same sums as the
        // default (which asks Likelihood first), without the per-call copy.
        public void AddLogLikelihood(in LatentQuery query, int positions, Span<int> rows, Span<long> sums)
        {
            ReadOnlySpan<int> z = query.Latent(0), x = query.Observed(0);
            long[] log = model.Emission.Log2Q32;
            int v = model.SymbolCount;
            for (int q = 0; q < query.Count; q++)
            {
                if ((uint)x[q] >= (uint)v)
                    throw new InvalidOperationException($"The likelihood table has {v} outcomes; symbol {x[q]} was observed.");
                sums[q] += log[z[q] * v + x[q]];
            }
        }

        // The same table entries the per-slot queries pick (prior or transition row = parent, proposal row from x_t and/or
        // the parent, emission row = latent), summed in one pass.
        public void AddLogWeights(in ParticleWeightBatch batch, Span<long> sums)
        {
            int t = batch.Step, k = model.LatentCount, v = model.SymbolCount, n = batch.Particles, count = batch.Count;
            ReadOnlySpan<int> x = batch.Observed(0);
            for (int q = 0; q < count; q++)
                if ((uint)x[q] >= (uint)v)
                    throw new InvalidOperationException($"The likelihood table has {v} outcomes; symbol {x[q]} was observed.");
            long[] prior = t == 0 ? model.Prior.Log2Q32 : model.Transition!.Log2Q32, emission = model.Emission.Log2Q32;
            long[] proposal = model.ProposalAt(t).Log2Q32;
            ProposalInput input = t == 0 ? ProposalInput.Observation : model.ProposalInput;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<int> z = batch.Latent(i, 0), parent = batch.Parent(i, 0);
                for (int q = 0; q < count; q++)
                {
                    int zq = z[q], p = t == 0 ? 0 : parent[q];
                    int row = input switch
                    {
                        ProposalInput.Observation => x[q],
                        ProposalInput.Previous => p,
                        _ => p * v + x[q],
                    };
                    sums[q * n + i] += prior[p * k + zq] + emission[zq * v + x[q]] - proposal[row * k + zq];
                }
            }
        }

        public void Dispose()
        {
        }
    }
}

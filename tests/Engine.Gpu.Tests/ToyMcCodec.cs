// ToyMcCodec: BB-IS and BB-CIS (docs/coders.md) for a small latent-variable model, written only against
// IRansBackend the way the coder passes flush their work, so a message encoded on one backend can be
// compared byte for byte with another backend's and decoded on it. B chains code L symbols each in
// lock-step. Model: prior p(z) (one row, prec 12), emission p(x|z) (K rows, prec 14), proposal q(z|x)
// (S rows, prec r = 10). Weights log2 p(z) + log2 p(x|z) - log2 q(z|x) in Q32 (FixedLog2), quantised by
// WeightQuantizer at precision 12 into one CDF row per chain.
//
// BB-IS encode per symbol: pop z_0..z_{N-1} ~ q; pop j ~ Cat(w); push z_k (k != j, descending) with q;
// push j ~ Uniform(N); push x ~ p(x|z_j); push z_j ~ p(z).
// BB-CIS encode: pop u on 2^r; z_k = F_q^-1((u + s_k) mod 2^r); pop j; push the residual of op_j(u) in
// z_j's bucket ~ Uniform(q-freq); push j ~ Uniform(N); push x; push z_j. Decoding mirrors both.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Tests;

internal sealed class ToyMcCodec
{
    private const int K = 24, S = 12, PriorP = 12, EmissionP = 14, R = 10, WeightP = 12;
    private readonly CdfRows _prior, _emission, _proposal;
    private readonly int _n;
    private readonly bool _coupled;
    private readonly uint[] _shifts;

    public ToyMcCodec(int modelSeed, int particles, bool coupled)
    {
        var rng = new Random(modelSeed);
        _prior = TestData.RandomRows(rng, 1, K, PriorP);
        _emission = TestData.RandomRows(rng, K, S, EmissionP);
        _proposal = TestData.RandomRows(rng, S, K, R);
        _n = particles;
        _coupled = coupled;
        _shifts = new uint[particles];
        CoupledPoints.EvenShifts(R, _shifts);
    }

    public static int[][] RandomData(int seed, int chains, int length)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, chains).Select(_ => Enumerable.Range(0, length).Select(_ => rng.Next(S)).ToArray()).ToArray();
    }

    public RansLanes Encode(IRansBackend backend, int[][] data, ulong seed)
    {
        int b = data.Length, length = data[0].Length;
        var lanes = new RansLanes(b, seed);
        var st = new Step(b, _n);
        for (int t = 0; t < length; t++)
        {
            for (int c = 0; c < b; c++)
                st.X[c] = data[c][t];
            PopParticles(backend, lanes, st);
            Weights(st);
            backend.PopSymbols(lanes, 0, st.Weights(WeightP), st.LaneRows, st.J);
            if (_coupled)
            {
                for (int c = 0; c < b; c++)
                {
                    int zj = st.Z[st.J[c] * b + c];
                    st.Values[c] = CoupledPoints.Position(st.U[c], _shifts[st.J[c]], R) - _proposal.Start(st.X[c], zj);
                    st.Ns[c] = _proposal.Frequency(st.X[c], zj);
                }
                backend.PushUniform(lanes, 0, st.Values, st.Ns);
            }
            else
            {
                for (int m = _n - 2; m >= 0; m--)
                    PushSlot(backend, lanes, st, m, skip: true);
            }
            PushIndexAndModel(backend, lanes, st);
        }
        return lanes;
    }

    public int[][] Decode(IRansBackend backend, RansLanes lanes, int length)
    {
        int b = lanes.Count;
        var data = new int[b][];
        for (int c = 0; c < b; c++)
            data[c] = new int[length];
        var st = new Step(b, _n);
        for (int t = length - 1; t >= 0; t--)
        {
            backend.PopSymbols(lanes, 0, _prior.Table, default, st.Zj);
            backend.PopSymbols(lanes, 0, _emission.Table, st.Zj, st.X);
            Array.Fill(st.Ns, (uint)_n);
            backend.PopUniform(lanes, 0, st.Ns, st.Values);
            for (int c = 0; c < b; c++)
            {
                st.J[c] = (int)st.Values[c];
                data[c][t] = st.X[c];
            }
            if (_coupled)
            {
                for (int c = 0; c < b; c++)
                    st.Ns[c] = _proposal.Frequency(st.X[c], st.Zj[c]);
                backend.PopUniform(lanes, 0, st.Ns, st.Values);
                for (int c = 0; c < b; c++)
                    st.U[c] = (_proposal.Start(st.X[c], st.Zj[c]) + st.Values[c] - _shifts[st.J[c]]) & ((1u << R) - 1);
                backend.CoupledInverseCdf(_proposal.Table, st.X, 0, st.U, _shifts, b, st.Z);
            }
            else
            {
                for (int c = 0; c < b; c++)
                    st.Z[st.J[c] * b + c] = st.Zj[c];
                for (int m = 0; m < _n - 1; m++)
                {
                    backend.PopSymbols(lanes, 0, _proposal.Table, st.X, st.Sym);
                    for (int c = 0; c < b; c++)
                        st.Z[SlotOf(m, st.J[c], true) * b + c] = st.Sym[c];
                }
            }
            Weights(st);
            backend.PushSymbols(lanes, 0, st.Weights(WeightP), st.LaneRows, st.J);
            if (_coupled)
                backend.Push(lanes, 0, st.U, st.Ones, R);
            else
                for (int m = _n - 1; m >= 0; m--)
                    PushSlot(backend, lanes, st, m, skip: false);
        }
        return data;
    }

    private void PopParticles(IRansBackend backend, RansLanes lanes, Step st)
    {
        int b = st.B;
        if (_coupled)
        {
            backend.PeekCf(lanes, 0, R, st.U);
            backend.Commit(lanes, 0, st.U, st.Ones, R);
            backend.CoupledInverseCdf(_proposal.Table, st.X, 0, st.U, _shifts, b, st.Z);
            return;
        }
        for (int k = 0; k < _n; k++)
        {
            backend.PopSymbols(lanes, 0, _proposal.Table, st.X, st.Sym);
            st.Sym.CopyTo(st.Z.AsSpan(k * b, b));
        }
    }

    private void PushSlot(IRansBackend backend, RansLanes lanes, Step st, int m, bool skip)
    {
        int b = st.B;
        for (int c = 0; c < b; c++)
            st.Sym[c] = st.Z[SlotOf(m, st.J[c], skip) * b + c];
        backend.PushSymbols(lanes, 0, _proposal.Table, st.X, st.Sym);
    }

    private void PushIndexAndModel(IRansBackend backend, RansLanes lanes, Step st)
    {
        int b = st.B;
        for (int c = 0; c < b; c++)
        {
            st.Values[c] = (uint)st.J[c];
            st.Ns[c] = (uint)_n;
            st.Zj[c] = st.Z[st.J[c] * b + c];
        }
        backend.PushUniform(lanes, 0, st.Values, st.Ns);
        backend.PushSymbols(lanes, 0, _emission.Table, st.Zj, st.X);
        backend.PushSymbols(lanes, 0, _prior.Table, default, st.Zj);
    }

    /// <summary>Integer log-weights of every particle, quantised into one CDF row per chain.</summary>
    private void Weights(Step st)
    {
        int b = st.B;
        var logW = new long[_n];
        var freqs = new uint[_n];
        for (int c = 0; c < b; c++)
        {
            for (int k = 0; k < _n; k++)
            {
                int z = st.Z[k * b + c];
                logW[k] = FixedLog2.OfRatio(_prior.Frequency(0, z), PriorP)
                    + FixedLog2.OfRatio(_emission.Frequency(z, st.X[c]), EmissionP)
                    - FixedLog2.OfRatio(_proposal.Frequency(st.X[c], z), R);
            }
            WeightQuantizer.FromLog2Weights(logW, WeightP, freqs);
            CumulativeTable.BuildCdf(freqs, WeightP, st.WCdf.AsSpan(c * (_n + 1), _n + 1));
        }
    }

    private static int SlotOf(int m, int j, bool skip) => !skip || m < j ? m : m + 1;

    /// <summary>Per-step gathered arrays (particle k of chain c at k B + c).</summary>
    private sealed class Step(int b, int n)
    {
        public readonly int B = b;
        public readonly int[] X = new int[b], J = new int[b], Zj = new int[b], Sym = new int[b], Z = new int[b * n];
        public readonly uint[] U = new uint[b], Values = new uint[b], Ns = new uint[b];
        public readonly uint[] WCdf = new uint[b * (n + 1)];
        public readonly int[] LaneRows = Enumerable.Range(0, b).ToArray();

        /// <summary>Every chain's weight row (row c = chain c's) as a backend table.</summary>
        public CdfTable Weights(int precision) => new(WCdf, B, n, precision);
        public readonly uint[] Ones = Enumerable.Repeat(1u, b).ToArray();
    }
}

// McStepWorkload: the backend work of one BB-IS or BB-CIS symbol on every chain, encoded and then decoded
// again (so the lanes return to the same state and every benchmark iteration sees the same work), issued
// through IRansBackend exactly as the coder passes flush it: N proposal pops (or one uniform + the
// coupled inverse CDF), the index pop from per-chain weight rows, the push-backs, the residual and index
// uniforms, the emission and prior pushes; decode mirrors them. Model sizes are the toy mixture's
// (64 symbols, 256 latents, proposal precision 12, model precision 16). The importance weights are fixed
// random rows per chain (uploaded per call like real ones): host-side weight quantisation is coder work,
// not backend work, and is left out so the figures measure the backend.
using Engine.Ans;
using Engine.Ans.Quantization;
using Engine.Gpu;

namespace Engine.Bench.Gpu;

internal sealed class McStepWorkload : IDisposable
{
    private const int K = 256, S = 64, R = 12, ModelP = 16, WeightP = 16;
    private readonly IRansBackend _backend;
    private readonly RansLanes _lanes;
    private readonly CdfRows _prior, _emission, _proposal;
    private readonly int _b, _n;
    private readonly int[] _x, _xOut, _j, _zj, _sym, _z;
    private readonly uint[] _u, _ones, _values, _ns, _wcdf, _shifts;
    private readonly int[] _laneRows;

    public McStepWorkload(string backendName, int chains, int particles)
    {
        _backend = BackendFactory.Create(backendName);
        _b = chains;
        _n = particles;
        var rng = new Random(12345);
        _prior = Rows(rng, 1, K, ModelP);
        _emission = Rows(rng, K, S, ModelP);
        _proposal = Rows(rng, S, K, R);
        _lanes = new RansLanes(chains, 7);
        _x = Enumerable.Range(0, chains).Select(_ => rng.Next(S)).ToArray();
        _xOut = new int[chains];
        _j = new int[chains];
        _zj = new int[chains];
        _sym = new int[chains];
        _z = new int[chains * particles];
        _u = new uint[chains];
        _ones = Enumerable.Repeat(1u, chains).ToArray();
        _values = new uint[chains];
        _ns = new uint[chains];
        _laneRows = Enumerable.Range(0, chains).ToArray();
        _wcdf = new uint[chains * (particles + 1)];
        for (int c = 0; c < chains; c++)
            CumulativeTable.BuildCdf(Freqs(rng, particles, WeightP), WeightP, _wcdf.AsSpan(c * (particles + 1), particles + 1));
        _shifts = new uint[particles];
        CoupledPoints.EvenShifts(R, _shifts);
    }

    public string BackendName => _backend.Name;

    /// <summary>One BB-IS symbol per chain: encode, then decode back to the same lane state.</summary>
    public void IsRoundTrip()
    {
        int b = _b;
        for (int k = 0; k < _n; k++)
        {
            _backend.PopSymbols(_lanes, 0, _proposal.Table, _x, _sym);
            _sym.CopyTo(_z.AsSpan(k * b, b));
        }
        _backend.PopSymbols(_lanes, 0, new CdfTable(_wcdf, _b, _n, WeightP), _laneRows, _j);
        for (int m = _n - 2; m >= 0; m--)
        {
            for (int c = 0; c < b; c++)
                _sym[c] = _z[(m < _j[c] ? m : m + 1) * b + c];
            _backend.PushSymbols(_lanes, 0, _proposal.Table, _x, _sym);
        }
        PushIndexAndModel();
        PopModelAndIndex();
        for (int m = 0; m < _n - 1; m++)
        {
            _backend.PopSymbols(_lanes, 0, _proposal.Table, _xOut, _sym);
            for (int c = 0; c < b; c++)
                _z[(m < _j[c] ? m : m + 1) * b + c] = _sym[c];
        }
        _backend.PushSymbols(_lanes, 0, new CdfTable(_wcdf, _b, _n, WeightP), _laneRows, _j);
        for (int k = _n - 1; k >= 0; k--)
            _backend.PushSymbols(_lanes, 0, _proposal.Table, _xOut, _z.AsSpan(k * b, b));
    }

    /// <summary>One BB-CIS symbol per chain: encode, then decode back to the same lane state.</summary>
    public void CisRoundTrip()
    {
        int b = _b;
        _backend.PeekCf(_lanes, 0, R, _u);
        _backend.Commit(_lanes, 0, _u, _ones, R);
        _backend.CoupledInverseCdf(_proposal.Table, _x, 0, _u, _shifts, b, _z);
        _backend.PopSymbols(_lanes, 0, new CdfTable(_wcdf, _b, _n, WeightP), _laneRows, _j);
        for (int c = 0; c < b; c++)
        {
            _values[c] = CoupledPoints.Position(_u[c], _shifts[_j[c]], R) - _proposal.Start(_x[c], _z[_j[c] * b + c]);
            _ns[c] = _proposal.Frequency(_x[c], _z[_j[c] * b + c]);
        }
        _backend.PushUniform(_lanes, 0, _values, _ns);
        PushIndexAndModel();
        PopModelAndIndex();
        for (int c = 0; c < b; c++)
            _ns[c] = _proposal.Frequency(_xOut[c], _zj[c]);
        _backend.PopUniform(_lanes, 0, _ns, _values);
        for (int c = 0; c < b; c++)
            _u[c] = (_proposal.Start(_xOut[c], _zj[c]) + _values[c] - _shifts[_j[c]]) & ((1u << R) - 1);
        _backend.CoupledInverseCdf(_proposal.Table, _xOut, 0, _u, _shifts, b, _z);
        _backend.PushSymbols(_lanes, 0, new CdfTable(_wcdf, _b, _n, WeightP), _laneRows, _j);
        _backend.Push(_lanes, 0, _u, _ones, R);
    }

    /// <summary>Throws unless the last round trip decoded the data and restored the initial state.</summary>
    public void Check()
    {
        if (!_x.AsSpan().SequenceEqual(_xOut) || !_lanes.AllAtInitialState())
            throw new InvalidOperationException($"{_backend.Name}: the round trip did not restore the data and the lanes.");
    }

    public void Dispose() => _backend.Dispose();

    private void PushIndexAndModel()
    {
        int b = _b;
        for (int c = 0; c < b; c++)
        {
            _values[c] = (uint)_j[c];
            _ns[c] = (uint)_n;
            _zj[c] = _z[_j[c] * b + c];
        }
        _backend.PushUniform(_lanes, 0, _values, _ns);
        _backend.PushSymbols(_lanes, 0, _emission.Table, _zj, _x);
        _backend.PushSymbols(_lanes, 0, _prior.Table, default, _zj);
    }

    private void PopModelAndIndex()
    {
        _backend.PopSymbols(_lanes, 0, _prior.Table, default, _zj);
        _backend.PopSymbols(_lanes, 0, _emission.Table, _zj, _xOut);
        Array.Fill(_ns, (uint)_n);
        _backend.PopUniform(_lanes, 0, _ns, _values);
        for (int c = 0; c < _b; c++)
        {
            _j[c] = (int)_values[c];
            _z[_j[c] * _b + c] = _zj[c];
        }
    }

    private static CdfRows Rows(Random rng, int rows, int width, int precision)
    {
        var f = new uint[rows * width];
        for (int r = 0; r < rows; r++)
            Freqs(rng, width, precision).CopyTo(f, r * width);
        return CdfRows.FromFrequencies(f, rows, width, precision);
    }

    /// <summary>Counts in [1, 19] (as the toy models) quantised to 2^precision with every freq >= 1.</summary>
    private static uint[] Freqs(Random rng, int k, int precision)
    {
        var counts = Enumerable.Range(0, k).Select(_ => (double)rng.Next(1, 20)).ToArray();
        double sum = counts.Sum();
        ulong spare = (1UL << precision) - (ulong)k, used = 0;
        var f = new uint[k];
        for (int i = 0; i < k; i++)
        {
            ulong extra = (ulong)(counts[i] / sum * spare);
            f[i] = (uint)(1 + extra);
            used += extra;
        }
        f[0] += (uint)(spare - used);
        return f;
    }
}

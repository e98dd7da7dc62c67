// RansBenchmarks: vector push and vector pop of 16M symbols from a static 256-symbol table over 1024
// lanes on one thread (RansLanes with its AVX-512 loops, and with the portable scalar loops), beside a
// one-lane scalar rANS loop (the classic single-stream coder: reciprocal push, slot-table pop, one
// branch per renormalisation) in the same run. OperationsPerInvoke = 16M, so "Mean"/"Median" are per
// symbol: M symbols/s = 1000 / ns. Each invocation starts from fresh lanes (IterationSetup), tails
// pre-sized so allocation is not measured. Run:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*RansBenchmarks*'
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Bench.Ans;

[Config(typeof(RansBenchConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MedianColumn]
public class RansBenchmarks
{
    private const int Lanes = 1024;
    private const int Symbols = 1 << 24;
    private const ulong Seed = 7;

    /// <summary>Table precision (log2 of the total).</summary>
    [Params(12, 16)]
    public int Precision { get; set; }

    private CumulativeTable _table = null!;
    private int[] _symbols = null!;
    private int[] _popped = null!;
    private RansLanes _lanes = null!;
    private RansLanes _encoded = null!;
    private uint[] _scalarWords = null!;
    private int _scalarLength;
    private ulong _scalarHead;
    private ulong[] _encodedHeads = null!;
    private uint[][] _encodedTails = null!;
    private uint[] _scalarEncoded = null!;
    private ulong _scalarEncodedHead;
    private ushort[] _scalarSlots = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A skewed 256-symbol distribution (about 6.8 bits per symbol).
        var p = new double[256];
        for (int i = 0; i < p.Length; i++)
            p[i] = Math.Exp(-i / 40.0) + 0.001;
        var freqs = new uint[256];
        CategoricalQuantizer.FromProbabilities(p, Precision, freqs, QuantizeMode.Optimal);
        _table = new CumulativeTable(freqs, Precision);
        var rng = new Random(1);
        _symbols = new int[Symbols];
        for (int i = 0; i < Symbols; i++)
            _symbols[i] = _table.FindSymbol((uint)rng.NextInt64(1L << Precision));
        _popped = new int[Lanes];
        _scalarWords = new uint[Symbols / 2];

        var enc = new RansLanes(Lanes, Seed);
        for (int off = 0; off < Symbols; off += Lanes)
            enc.Push(_table, _symbols.AsSpan(off, Lanes));
        _encodedHeads = enc.SnapshotHeads();
        _encodedTails = enc.SnapshotTails();

        PushScalarOneLane();
        _scalarEncoded = _scalarWords[.._scalarLength];
        _scalarEncodedHead = _scalarHead;
        _scalarSlots = new ushort[1 << Precision];
        for (int s = 0; s < _table.Count; s++)
            _scalarSlots.AsSpan((int)_table.Start(s), (int)_table.Frequency(s)).Fill((ushort)s);

        // Both baselines and both vector coders must actually round-trip the data.
        long expected = 0;
        foreach (int s in _symbols)
            expected += s;
        if (ScalarOneLanePop() != expected)
            throw new InvalidOperationException("The one-lane baseline does not round-trip.");
        FreshDecoder();
        VectorPop();
        if (!_encoded.AllAtInitialState())
            throw new InvalidOperationException("The vector lanes do not round-trip.");
    }

    [IterationSetup(Targets = [nameof(VectorPush), nameof(VectorPushPortable)])]
    public void FreshEncoder()
    {
        _lanes = new RansLanes(Lanes, Seed);
        _lanes.EnsureTailCapacity(Symbols / Lanes / 3);
    }

    [IterationSetup(Targets = [nameof(VectorPop), nameof(VectorPopPortable)])]
    public void FreshDecoder() => _encoded = RansLanes.FromState(Seed, _encodedHeads, _encodedTails);

    [BenchmarkCategory("push"), Benchmark(Baseline = true, OperationsPerInvoke = Symbols)]
    public ulong ScalarOneLanePush() => PushScalarOneLane();

    [BenchmarkCategory("push"), Benchmark(OperationsPerInvoke = Symbols)]
    public void VectorPush()
    {
        for (int off = 0; off < Symbols; off += Lanes)
            _lanes.Push(_table, _symbols.AsSpan(off, Lanes));
    }

    [BenchmarkCategory("push"), Benchmark(OperationsPerInvoke = Symbols)]
    public void VectorPushPortable()
    {
        _lanes.VectorPaths = false;
        for (int off = 0; off < Symbols; off += Lanes)
            _lanes.Push(_table, _symbols.AsSpan(off, Lanes));
    }

    [BenchmarkCategory("pop"), Benchmark(Baseline = true, OperationsPerInvoke = Symbols)]
    public long ScalarOneLanePop()
    {
        // The classic single-stream decoder on the one-lane encoding: slot lookup, one refill branch.
        ReadOnlySpan<uint> cdf = _table.Cdf;
        ReadOnlySpan<uint> freqs = _table.Frequencies;
        ushort[] slots = _scalarSlots;
        int p = Precision;
        ulong mask = (1UL << p) - 1;
        ulong x = _scalarEncodedHead;
        uint[] words = _scalarEncoded;
        int len = words.Length;
        long sum = 0;
        for (int i = 0; i < Symbols; i++)
        {
            uint cf = (uint)(x & mask);
            int s = slots[cf];
            x = freqs[s] * (x >> p) + (cf - cdf[s]);
            if (x < RansStep.LowerBound && len > 0)
                x = (x << 32) | words[--len];
            sum += s;
        }
        return sum;
    }

    [BenchmarkCategory("pop"), Benchmark(OperationsPerInvoke = Symbols)]
    public void VectorPop()
    {
        for (int off = Symbols - Lanes; off >= 0; off -= Lanes)
            _encoded.Pop(_table, _popped);
    }

    [BenchmarkCategory("pop"), Benchmark(OperationsPerInvoke = Symbols)]
    public void VectorPopPortable()
    {
        _encoded.VectorPaths = false;
        for (int off = Symbols - Lanes; off >= 0; off -= Lanes)
            _encoded.Pop(_table, _popped);
    }

    /// <summary>The classic single-stream encoder: one head, reciprocal push, one renormalisation branch.</summary>
    private ulong PushScalarOneLane()
    {
        RansEncSymbol[] enc = new RansEncSymbol[_table.Count];
        for (int s = 0; s < enc.Length; s++)
            enc[s] = new RansEncSymbol(_table.Start(s), _table.Frequency(s), Precision);
        int emitShift = 64 - Precision;
        ulong x = InitialBits.Head(Seed, 0);
        uint[] words = _scalarWords;
        int len = 0;
        int[] symbols = _symbols;
        for (int i = 0; i < symbols.Length; i++)
        {
            ref readonly RansEncSymbol e = ref enc[symbols[i]];
            if ((x >> emitShift) >= e.Freq)
            {
                words[len++] = (uint)x;
                x >>= 32;
            }
            x = e.Encode(x);
        }
        _scalarLength = len;
        _scalarHead = x;
        return x;
    }
}

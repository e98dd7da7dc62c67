// Property tests of RansLanes: random mixes of every push/pop form (intervals by division, static
// tables by reciprocal, per-lane CDF rows, per-lane precisions, exact uniforms, bits-back pops) over
// precisions 1..32, 1..4096 lanes and many seeds. Undoing the operations in reverse order, either on
// the same lanes or on decoder-mode lanes rebuilt from a snapshot, must return every symbol and leave
// every lane exactly at its seeded initial state.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class RansLanesPropertyTests
{
    private enum OpKind { Interval, PerLanePrecision, Table, Rows, Uniform, PopTable, PopUniform }

    private sealed record Op(OpKind Kind, int First, int Count, int Precision, uint[] Starts, uint[] Freqs, byte[] Precisions,
        CumulativeTable? Table, uint[]? Rows, int RowSymbols, int[] Symbols, uint[] Values, uint[] N);

    [Test]
    public void RandomOperationMixesUndoExactly([Range(0, 39)] int seed)
    {
        var rng = new Random(1000 + seed);
        // Log-uniform in 1..4096, with both extremes pinned.
        int lanes = seed switch { 0 => 1, 1 => 4096, _ => Math.Clamp((int)Math.Round(Math.Pow(2, rng.NextDouble() * 12)), 1, 4096) };
        int steps = Math.Clamp(60_000 / lanes, 6, 200);
        var coder = new RansLanes(lanes, (ulong)rng.NextInt64());
        var ops = new List<Op>(steps);
        for (int t = 0; t < steps; t++)
            ops.Add(Apply(coder, RandomOp(rng, lanes)));

        bool viaDecoder = seed % 2 == 0;
        RansLanes undo = viaDecoder ? RansLanes.FromState(coder.Seed, coder.SnapshotHeads(), coder.SnapshotTails()) : coder;
        for (int t = ops.Count - 1; t >= 0; t--)
            Undo(undo, ops[t], $"step {t} ({ops[t].Kind}, lanes {lanes})");
        for (int i = 0; i < lanes; i++)
            Assert.That(undo.IsAtInitialState(i), Is.True, $"lane {i} of {lanes}, decoder {viaDecoder}");
    }

    [Test]
    public void EveryPrecisionRoundTrips([Range(1, 32)] int precision)
    {
        var rng = new Random(precision);
        const int lanes = 17;
        var coder = new RansLanes(lanes, (ulong)precision);
        var history = new List<(uint[] S, uint[] F)>();
        for (int t = 0; t < 200; t++)
        {
            var s = new uint[lanes];
            var f = new uint[lanes];
            for (int i = 0; i < lanes; i++)
                (s[i], f[i]) = RandomIntervalSkewed(rng, precision);
            coder.Push(s, f, precision);
            history.Add((s, f));
        }
        var dec = RansLanes.FromState(coder.Seed, coder.SnapshotHeads(), coder.SnapshotTails());
        var cf = new uint[lanes];
        for (int t = history.Count - 1; t >= 0; t--)
        {
            dec.PeekCf(precision, cf);
            for (int i = 0; i < lanes; i++)
                Assert.That(cf[i] - history[t].S[i], Is.LessThan(history[t].F[i]));
            dec.Commit(history[t].S, history[t].F, precision);
        }
        Assert.That(dec.AllAtInitialState(), Is.True);
    }

    [Test]
    public void ReciprocalTablePushEqualsDivisionPushOnEveryPrecision([Range(1, 32)] int precision)
    {
        var rng = new Random(77 + precision);
        const int lanes = 64;
        int k = (int)Math.Min(1UL << precision, 300UL);
        if (precision == 32 && k < 2) k = 2;
        var freqs = new uint[k];
        var p = Enumerable.Range(0, k).Select(_ => Math.Pow(rng.NextDouble(), 3)).ToArray();
        CategoricalQuantizer.FromProbabilities(p, precision, freqs, QuantizeMode.Optimal);
        var table = new CumulativeTable(freqs, precision);
        var a = new RansLanes(lanes, 5);
        var b = new RansLanes(lanes, 5);
        var sym = new int[lanes];
        var s = new uint[lanes];
        var f = new uint[lanes];
        for (int t = 0; t < 300; t++)
        {
            for (int i = 0; i < lanes; i++)
            {
                sym[i] = rng.Next(k);
                s[i] = table.Start(sym[i]);
                f[i] = table.Frequency(sym[i]);
            }
            a.Push(table, sym);
            b.Push(s, f, precision);
        }
        Assert.That(a.SnapshotHeads(), Is.EqualTo(b.SnapshotHeads()));
        Assert.That(a.SnapshotTails(), Is.EqualTo(b.SnapshotTails()));
        // Slot-table pops (prec <= 16) and binary-search pops agree with per-lane-row pops.
        var rows = new uint[lanes * (k + 1)];
        for (int i = 0; i < lanes; i++)
            table.Cdf.CopyTo(rows.AsSpan(i * (k + 1)));
        var got = new int[lanes];
        var gotRows = new int[lanes];
        for (int t = 0; t < 300; t++)
        {
            a.Pop(table, got);
            b.Pop(rows, k, precision, gotRows);
            Assert.That(got, Is.EqualTo(gotRows));
        }
        Assert.That(a.SnapshotHeads(), Is.EqualTo(b.SnapshotHeads()));
        Assert.That(a.AllAtInitialState() && b.AllAtInitialState(), Is.True);
    }

    [Test]
    public void FirstLaneRangesTouchOnlyTheirLanes()
    {
        var whole = new RansLanes(10, 3);
        var parts = new RansLanes(10, 3);
        var rng = new Random(4);
        for (int t = 0; t < 100; t++)
        {
            var s = new uint[10];
            var f = new uint[10];
            for (int i = 0; i < 10; i++)
                (s[i], f[i]) = RansLanesRoundTripTests.RandomInterval(rng, 20);
            whole.Push(s, f, 20);
            parts.Push(0, s.AsSpan(0, 4), f.AsSpan(0, 4), 20);
            parts.Push(4, s.AsSpan(4, 6), f.AsSpan(4, 6), 20);
        }
        Assert.That(parts.SnapshotHeads(), Is.EqualTo(whole.SnapshotHeads()));
        Assert.That(parts.SnapshotTails(), Is.EqualTo(whole.SnapshotTails()));
        Assert.Throws<ArgumentOutOfRangeException>(() => parts.Push(8, new uint[3], new uint[3], 20));
    }

    [Test]
    public void ConcurrentDisjointRangesEqualOneSequentialCall()
    {
        const int lanes = 1000, ranges = 8, steps = 200;
        var table = RansLanesRoundTripTests.RandomTable(new Random(3), 200, 14);
        var rng = new Random(5);
        var symbols = new int[steps][];
        for (int t = 0; t < steps; t++)
            symbols[t] = Enumerable.Range(0, lanes).Select(_ => rng.Next(table.Count)).ToArray();
        var sequential = new RansLanes(lanes, 9);
        var parallel = new RansLanes(lanes, 9);
        int width = (lanes + ranges - 1) / ranges;
        for (int t = 0; t < steps; t++)
        {
            sequential.Push(table, symbols[t]);
            int[] row = symbols[t];
            Parallel.For(0, ranges, r =>
            {
                int first = r * width, count = Math.Min(width, lanes - first);
                parallel.Push(first, table, row.AsSpan(first, count));
            });
        }
        Assert.That(parallel.SnapshotHeads(), Is.EqualTo(sequential.SnapshotHeads()));
        Assert.That(parallel.SnapshotTails(), Is.EqualTo(sequential.SnapshotTails()));
    }

    private static Op RandomOp(Random rng, int lanes)
    {
        int first = rng.Next(3) == 0 ? rng.Next(lanes) : 0;
        int count = first == 0 && rng.Next(2) == 0 ? lanes : rng.Next(1, lanes - first + 1);
        var kind = (OpKind)rng.Next(7);
        int precision = rng.Next(1, 33);
        var starts = new uint[count];
        var freqs = new uint[count];
        var precisions = new byte[count];
        var symbols = new int[count];
        var values = new uint[count];
        var n = new uint[count];
        CumulativeTable? table = null;
        uint[]? rows = null;
        int rowSymbols = 0;
        switch (kind)
        {
            case OpKind.Interval:
                for (int i = 0; i < count; i++)
                    (starts[i], freqs[i]) = RandomIntervalSkewed(rng, precision);
                break;
            case OpKind.PerLanePrecision:
                for (int i = 0; i < count; i++)
                {
                    precisions[i] = (byte)rng.Next(1, 33);
                    (starts[i], freqs[i]) = RandomIntervalSkewed(rng, precisions[i]);
                }
                break;
            case OpKind.Table:
            case OpKind.PopTable:
                table = RandomTable(rng, precision);
                for (int i = 0; i < count; i++)
                    symbols[i] = rng.Next(table.Count);
                break;
            case OpKind.Rows:
                rowSymbols = (int)Math.Min(1UL << precision, (ulong)rng.Next(precision == 32 ? 2 : 1, 40));
                rows = new uint[count * (rowSymbols + 1)];
                for (int i = 0; i < count; i++)
                {
                    var t = RandomTable(rng, precision, rowSymbols);
                    t.Cdf.CopyTo(rows.AsSpan(i * (rowSymbols + 1)));
                    symbols[i] = rng.Next(rowSymbols);
                }
                break;
            default:
                for (int i = 0; i < count; i++)
                {
                    n[i] = rng.Next(4) switch
                    {
                        0 => 1,
                        1 => (uint)rng.Next(2, 10),
                        2 => (uint)rng.NextInt64(2, 1L << 32),
                        _ => (uint)rng.Next(2, 100_000),
                    };
                    values[i] = (uint)rng.NextInt64(n[i]);
                }
                break;
        }
        return new Op(kind, first, count, precision, starts, freqs, precisions, table, rows, rowSymbols, symbols, values, n);
    }

    private static Op Apply(RansLanes c, Op op)
    {
        switch (op.Kind)
        {
            case OpKind.Interval: c.Push(op.First, op.Starts, op.Freqs, op.Precision); break;
            case OpKind.PerLanePrecision: c.Push(op.First, op.Starts, op.Freqs, op.Precisions); break;
            case OpKind.Table: c.Push(op.First, op.Table!, op.Symbols); break;
            case OpKind.Rows: c.Push(op.First, op.Rows, op.RowSymbols, op.Precision, op.Symbols); break;
            case OpKind.Uniform: c.PushUniform(op.First, op.Values, op.N); break;
            case OpKind.PopTable: c.Pop(op.First, op.Table!, op.Symbols); break; // bits back: records what it took
            case OpKind.PopUniform: c.PopUniform(op.First, op.N, op.Values); break;
        }
        return op;
    }

    private static void Undo(RansLanes c, Op op, string where)
    {
        switch (op.Kind)
        {
            case OpKind.Interval:
            {
                var cf = new uint[op.Count];
                c.PeekCf(op.First, op.Precision, cf);
                for (int i = 0; i < op.Count; i++)
                    Assert.That(cf[i] - op.Starts[i], Is.LessThan(op.Freqs[i]), where);
                c.Commit(op.First, op.Starts, op.Freqs, op.Precision);
                break;
            }
            case OpKind.PerLanePrecision:
            {
                var cf = new uint[op.Count];
                c.PeekCf(op.First, op.Precisions, cf);
                for (int i = 0; i < op.Count; i++)
                    Assert.That(cf[i] - op.Starts[i], Is.LessThan(op.Freqs[i]), where);
                c.Commit(op.First, op.Starts, op.Freqs, op.Precisions);
                break;
            }
            case OpKind.Table:
            {
                var got = new int[op.Count];
                c.Pop(op.First, op.Table!, got);
                Assert.That(got, Is.EqualTo(op.Symbols), where);
                break;
            }
            case OpKind.Rows:
            {
                var got = new int[op.Count];
                c.Pop(op.First, op.Rows, op.RowSymbols, op.Precision, got);
                Assert.That(got, Is.EqualTo(op.Symbols), where);
                break;
            }
            case OpKind.Uniform:
            {
                var got = new uint[op.Count];
                c.PopUniform(op.First, op.N, got);
                Assert.That(got, Is.EqualTo(op.Values), where);
                break;
            }
            case OpKind.PopTable: c.Push(op.First, op.Table!, op.Symbols); break;
            case OpKind.PopUniform: c.PushUniform(op.First, op.Values, op.N); break;
        }
    }

    /// <summary>Random table with K symbols (random K when 0) and skewed probabilities.</summary>
    private static CumulativeTable RandomTable(Random rng, int precision, int k = 0)
    {
        if (k == 0)
            k = (int)Math.Min(1UL << precision, (ulong)rng.Next(precision == 32 ? 2 : 1, 300));
        var p = new double[k];
        double skew = rng.NextDouble() * 6;
        for (int i = 0; i < k; i++)
            p[i] = Math.Pow(rng.NextDouble(), skew);
        var f = new uint[k];
        CategoricalQuantizer.FromProbabilities(p, precision, f, rng.Next(2) == 0 ? QuantizeMode.Fast : QuantizeMode.Optimal);
        return new CumulativeTable(f, precision);
    }

    /// <summary>Intervals of every width: tiny, huge (up to the whole total) and in between.</summary>
    internal static (uint Start, uint Freq) RandomIntervalSkewed(Random rng, int precision)
    {
        ulong total = 1UL << precision;
        ulong freq = rng.Next(4) switch
        {
            0 => 1,
            1 => Math.Max(1, total >> 1),
            2 => (ulong)rng.NextInt64(1, (long)Math.Min(total, 1UL << 32 - 1) + 1),
            _ => Math.Max(1, (ulong)Math.Pow(2, rng.NextDouble() * precision)),
        };
        freq = Math.Min(freq, Math.Min(total, uint.MaxValue));
        ulong start = (ulong)rng.NextInt64((long)(total - freq + 1));
        return ((uint)start, (uint)freq);
    }
}

// TwinLaneTests: every lane operation on the CPU backend and on the other backend, from identical lane
// states with random inputs, must leave identical heads, tails and initial-word counts (and return the
// same symbols); round trips through each return the lanes to their initial state.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Tests;

public sealed class TwinLaneTests(string backendName) : TwinFixture(backendName)
{
    private const int Lanes = 45, First = 3, Width = 37;

    private static readonly int[] Precisions = [1, 2, 7, 12, 16, 24, 31, 32];

    [Test]
    public void IntervalPushesMatchAtEveryPrecision()
    {
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 11, 4, 1);
        var rng = new Random(2);
        var s = new uint[Width];
        var f = new uint[Width];
        foreach (int p in Precisions)
        {
            for (int round = 0; round < 4; round++)
            {
                TestData.RandomIntervals(rng, p, s, f);
                Cpu.Push(a, First, s, f, p);
                Other.Push(b, First, s, f, p);
            }
        }
        TestData.AssertSame(a, b);
        Assert.That(a.Tail(First).Length, Is.GreaterThan(a.Tail(0).Length), "the pushes emitted words");
    }

    [Test]
    public void MaskedPushesAndCommitsTouchOnlyActiveLanes()
    {
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 12, 3, 3);
        RansLanes untouched = TestData.WithHistory(Lanes, 12, 3, 3);
        var rng = new Random(4);
        var mask = new byte[Width];
        for (int i = 0; i < Width; i++)
            mask[i] = (byte)(i % 3 == 1 ? 0 : 1);
        var s = new uint[Width];
        var f = new uint[Width];
        var cf = new uint[Width];
        var popped = new List<(uint[] S, uint[] F)>();
        for (int round = 0; round < 12; round++)
        {
            TestData.RandomIntervals(rng, 16, s, f);
            Cpu.Push(a, First, s, f, 16, mask);
            Other.Push(b, First, s, f, 16, mask);
        }
        TestData.AssertSame(a, b);
        CumulativeTable table = new(TestData.RandomFreqs(rng, 9, 16), 16);
        for (int round = 0; round < 20; round++)
        {
            Cpu.PeekCf(a, First, 16, cf);
            for (int i = 0; i < Width; i++)
            {
                int sym = table.FindSymbol(cf[i]);
                s[i] = table.Start(sym);
                f[i] = table.Frequency(sym);
            }
            Cpu.Commit(a, First, s, f, 16, mask);
            Other.Commit(b, First, s, f, 16, mask);
            TestData.AssertSame(a, b);
        }
        for (int i = 0; i < Width; i++)
        {
            if (mask[i] != 0)
                continue;
            Assert.That(b.Heads[First + i], Is.EqualTo(untouched.Heads[First + i]), $"masked lane {First + i} head");
            Assert.That(b.Tail(First + i).ToArray(), Is.EqualTo(untouched.Tail(First + i).ToArray()), $"masked lane {First + i} tail");
        }
    }

    [Test]
    public void PopsPastTheTailDrawIdenticalInitialWordsAndUndoExactly()
    {
        var rng = new Random(5);
        foreach (IRansBackend backend in Both())
        {
            var lanes = new RansLanes(Lanes, 21);
            var table = CdfRows.FromTable(new CumulativeTable(TestData.RandomFreqs(new Random(6), 20, 24), 24));
            var history = new List<int[]>();
            for (int round = 0; round < 30; round++)
            {
                var sym = new int[Width];
                backend.PopSymbols(lanes, First, table.Table, default, sym);
                history.Add(sym);
            }
            Assert.That(lanes.WordsDrawn(First), Is.GreaterThan(0), "pops from empty tails drew initial words");
            for (int round = history.Count - 1; round >= 0; round--)
                backend.PushSymbols(lanes, First, table.Table, default, history[round]);
            Assert.That(lanes.AllAtInitialState(), Is.True, $"{backend.Name}: back at the initial state");
        }
        (RansLanes a, RansLanes b) = (new RansLanes(Lanes, 22), new RansLanes(Lanes, 22));
        var rows = TestData.RandomRows(rng, 5, 11, 20);
        var rowOf = Enumerable.Range(0, Width).Select(_ => rng.Next(5)).ToArray();
        var sa = new int[Width];
        var sb = new int[Width];
        for (int round = 0; round < 25; round++)
        {
            Cpu.PopSymbols(a, First, rows.Table, rowOf, sa);
            Other.PopSymbols(b, First, rows.Table, rowOf, sb);
            Assert.That(sb, Is.EqualTo(sa));
        }
        TestData.AssertSame(a, b);
    }

    [Test]
    public void TableSymbolsRoundTripAndMatchWithSharedAndIndexedRows()
    {
        var rng = new Random(7);
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 31, 2, 8);
        CdfRows shared = CdfRows.FromTable(new CumulativeTable(TestData.RandomFreqs(rng, 30, 12), 12));
        CdfRows many = TestData.RandomRows(rng, 7, 19, 18);
        var rowOf = new int[Width];
        var pushed = new List<(bool Shared, int[] Rows, int[] Symbols)>();
        for (int round = 0; round < 16; round++)
        {
            bool useShared = round % 2 == 0;
            CdfRows t = useShared ? shared : many;
            for (int i = 0; i < Width; i++)
                rowOf[i] = rng.Next(t.Rows);
            int[] sym = Enumerable.Range(0, Width).Select(_ => rng.Next(t.Width)).ToArray();
            int[] r = useShared ? [] : (int[])rowOf.Clone();
            Cpu.PushSymbols(a, First, t.Table, r, sym);
            Other.PushSymbols(b, First, t.Table, r, sym);
            pushed.Add((useShared, r, sym));
        }
        TestData.AssertSame(a, b);
        RansLanes decoder = TestData.AsDecoder(b);
        var sa = new int[Width];
        var sb = new int[Width];
        for (int round = pushed.Count - 1; round >= 0; round--)
        {
            (bool useShared, int[] r, int[] sym) = pushed[round];
            CdfRows t = useShared ? shared : many;
            Cpu.PopSymbols(a, First, t.Table, r, sa);
            Other.PopSymbols(decoder, First, t.Table, r, sb);
            Assert.That(sa, Is.EqualTo(sym), "cpu pops what was pushed");
            Assert.That(sb, Is.EqualTo(sym), "other backend (decoder mode) pops what was pushed");
        }
        TestData.AssertSame(TestData.WithHistory(Lanes, 31, 2, 8), a);
        Assert.That(decoder.Heads.ToArray(), Is.EqualTo(a.Heads.ToArray()));
    }

    [Test]
    public void PerLaneRowsMatchMaskedAndUnmasked()
    {
        var rng = new Random(9);
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 41, 3, 10);
        const int k = 13, p = 16;
        var mask = new byte[Width];
        int[] laneRows = Enumerable.Range(0, Width).ToArray();
        var pushed = new List<(uint[] Rows, int[] Symbols, bool Masked)>();
        for (int round = 0; round < 10; round++)
        {
            uint[] rows = TestData.RandomFlatRows(rng, Width, k, p);
            int[] sym = Enumerable.Range(0, Width).Select(_ => rng.Next(k)).ToArray();
            bool masked = round % 3 == 2;
            for (int i = 0; i < Width; i++)
                mask[i] = (byte)(i % 4 == 0 ? 0 : 1);
            Cpu.PushSymbols(a, First, new CdfTable(rows, Width, k, p), laneRows, sym, masked ? mask : default);
            Other.PushSymbols(b, First, new CdfTable(rows, Width, k, p), laneRows, sym, masked ? mask : default);
            pushed.Add((rows, sym, masked));
        }
        TestData.AssertSame(a, b);
        var sa = new int[Width];
        var sb = new int[Width];
        for (int round = pushed.Count - 1; round >= 0; round--)
        {
            (uint[] rows, int[] sym, bool masked) = pushed[round];
            Array.Fill(sa, -7);
            Array.Fill(sb, -7);
            Cpu.PopSymbols(a, First, new CdfTable(rows, Width, k, p), laneRows, sa, masked ? mask : default);
            Other.PopSymbols(b, First, new CdfTable(rows, Width, k, p), laneRows, sb, masked ? mask : default);
            Assert.That(sb, Is.EqualTo(sa));
            for (int i = 0; i < Width; i++)
                Assert.That(sa[i], Is.EqualTo(masked && mask[i] == 0 ? -7 : sym[i]), $"lane {i}");
        }
        TestData.AssertSame(a, b);
        TestData.AssertSame(TestData.WithHistory(Lanes, 41, 3, 10), b);
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(8)]
    public void FewLaneTableCallsMatchAndRejectAsWideOnes(int n)
    {
        // Below 8 lanes the CPU twin takes a scalar path: same symbols, same bytes, same errors as the wide path.
        var rng = new Random(100 + n);
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 81, 2, 14);
        CdfRows many = TestData.RandomRows(rng, 5, 21, 15);
        var mask = Enumerable.Range(0, n).Select(i => (byte)(i % 3 == 1 ? 0 : 1)).ToArray();
        var pushed = new List<(int[] Rows, int[] Symbols, bool Masked)>();
        for (int round = 0; round < 12; round++)
        {
            int[] rows = Enumerable.Range(0, n).Select(_ => rng.Next(many.Rows)).ToArray();
            int[] sym = Enumerable.Range(0, n).Select(_ => rng.Next(many.Width)).ToArray();
            bool masked = round % 2 == 1;
            Cpu.PushSymbols(a, First, many.Table, rows, sym, masked ? mask : default);
            Other.PushSymbols(b, First, many.Table, rows, sym, masked ? mask : default);
            pushed.Add((rows, sym, masked));
        }
        TestData.AssertSame(a, b);
        for (int round = pushed.Count - 1; round >= 0; round--)
        {
            (int[] rows, int[] sym, bool masked) = pushed[round];
            int[] sa = Enumerable.Repeat(-3, n).ToArray(), sb = Enumerable.Repeat(-3, n).ToArray();
            Cpu.PopSymbols(a, First, many.Table, rows, sa, masked ? mask : default);
            Other.PopSymbols(b, First, many.Table, rows, sb, masked ? mask : default);
            for (int i = 0; i < n; i++)
                Assert.That(sa[i], Is.EqualTo(masked && mask[i] == 0 ? -3 : sym[i]), $"lane {i}");
            Assert.That(sb, Is.EqualTo(sa));
        }
        TestData.AssertSame(TestData.WithHistory(Lanes, 81, 2, 14), a);
        TestData.AssertSame(a, b);
        int[] good = new int[n], badRow = Enumerable.Repeat(5, n).ToArray(), badSymbol = Enumerable.Repeat(21, n).ToArray();
        foreach (IRansBackend backend in Both())
        {
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PushSymbols(a, First, many.Table, badRow, good), $"{backend.Name}: row");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PopSymbols(a, First, many.Table, badRow, new int[n]), $"{backend.Name}: pop row");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PushSymbols(a, First, many.Table, good, badSymbol), $"{backend.Name}: symbol");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PushSymbols(a, First, many.Table, new int[n + 1], good), $"{backend.Name}: rows length");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PopSymbols(a, First, many.Table, good, new int[n], new byte[n + 1]), $"{backend.Name}: mask length");
        }
        TestData.AssertSame(TestData.WithHistory(Lanes, 81, 2, 14), a);
    }

    [Test]
    public void AKeyedTableIsReadAgainWhenItsVersionMoves()
    {
        // One owner, two contents: a backend that keeps a device copy per key must drop it when the version moves.
        var rng = new Random(91);
        var owner = new object();
        const int k = 9, p = 14;
        int[] rows = Enumerable.Range(0, Width).Select(i => i % 3).ToArray();
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 93, 2, 15);
        uint[] first = TestData.RandomFlatRows(rng, 3, k, p), second = TestData.RandomFlatRows(rng, 3, k, p);
        for (int version = 0; version < 4; version++)
        {
            uint[] cdf = version % 2 == 0 ? first : second;
            var sa = new int[Width];
            var sb = new int[Width];
            Cpu.PopSymbols(a, First, new CdfTable(cdf, 3, k, p) { CacheKey = owner, CacheVersion = version }, rows, sa);
            Other.PopSymbols(b, First, new CdfTable(cdf, 3, k, p) { CacheKey = owner, CacheVersion = version }, rows, sb);
            Assert.That(sb, Is.EqualTo(sa), $"version {version}");
            Cpu.PushSymbols(a, First, new CdfTable(cdf, 3, k, p) { CacheKey = owner, CacheVersion = version }, rows, sa);
            Other.PushSymbols(b, First, new CdfTable(cdf, 3, k, p) { CacheKey = owner, CacheVersion = version }, rows, sb);
            TestData.AssertSame(a, b);
            Cpu.PopSymbols(a, First, new CdfTable(cdf, 3, k, p) { CacheKey = owner, CacheVersion = version }, rows, sa);
            Other.PopSymbols(b, First, new CdfTable(cdf, 3, k, p) { CacheKey = owner, CacheVersion = version }, rows, sb);
        }
        TestData.AssertSame(a, b);
    }

    [Test]
    public void ExactUniformsMatchForAnyN()
    {
        var rng = new Random(11);
        (RansLanes a, RansLanes b) = TestData.Pair(Lanes, 51, 2, 12);
        var pushed = new List<(uint[] V, uint[] N)>();
        for (int round = 0; round < 14; round++)
        {
            var n = new uint[Width];
            var v = new uint[Width];
            for (int i = 0; i < Width; i++)
            {
                n[i] = (i % 5) switch
                {
                    0 => 1,
                    1 => (uint)rng.Next(2, 9),
                    2 => uint.MaxValue - (uint)rng.Next(3),
                    3 => 1u << rng.Next(1, 32),
                    _ => (uint)rng.NextInt64(2, uint.MaxValue),
                };
                v[i] = (uint)rng.NextInt64(n[i]);
            }
            Cpu.PushUniform(a, First, v, n);
            Other.PushUniform(b, First, v, n);
            pushed.Add((v, n));
        }
        TestData.AssertSame(a, b);
        var va = new uint[Width];
        var vb = new uint[Width];
        for (int round = pushed.Count - 1; round >= 0; round--)
        {
            Cpu.PopUniform(a, First, pushed[round].N, va);
            Other.PopUniform(b, First, pushed[round].N, vb);
            Assert.That(va, Is.EqualTo(pushed[round].V));
            Assert.That(vb, Is.EqualTo(pushed[round].V));
        }
        TestData.AssertSame(TestData.WithHistory(Lanes, 51, 2, 12), b);
    }

    [Test]
    public void BadInputsThrowOnBothBackends()
    {
        foreach (IRansBackend backend in Both())
        {
            RansLanes lanes = TestData.WithHistory(8, 61, 2, 13);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.Push(lanes, 0, [0, 3], [1, 0], 8), $"{backend.Name}: freq 0");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.Push(lanes, 0, [250], [7], 8), $"{backend.Name}: past 2^p");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.Push(lanes, 7, [1, 1], [1, 1], 8), $"{backend.Name}: lane range");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.Push(lanes, 0, [1], [1], 33), $"{backend.Name}: precision");
            uint cf = (uint)(lanes.Heads[0] & 0xFF);
            uint wrong = (cf + 128) & 0xFF;
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.Commit(lanes, 0, [wrong], [1], 8), $"{backend.Name}: commit misses cf");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PushUniform(lanes, 0, [5], [5]), $"{backend.Name}: value >= n");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PopUniform(lanes, 0, [0], new uint[1]), $"{backend.Name}: n = 0");
            CdfRows t = CdfRows.FromTable(new CumulativeTable([3, 5], 3));
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PushSymbols(lanes, 0, t.Table, default, [2]), $"{backend.Name}: symbol");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.PopSymbols(lanes, 0, t.Table, [1], new int[1]), $"{backend.Name}: row");
        }
    }

    [Test]
    public void DecoderPoppingPastItsMessageIsCorruptOnBothBackends()
    {
        foreach (IRansBackend backend in Both())
        {
            RansLanes decoder = RansLanes.FromState(3, [1UL << 40, 1UL << 40], [[], []]);
            Assert.Throws<MessageCorruptException>(() =>
            {
                for (int i = 0; i < 8; i++)
                    backend.PopUniform(decoder, 0, [1u << 31, 1u << 31], new uint[2]);
            }, backend.Name);
        }
    }
}

// CpuBackendAllocationTests: a CPU backend call below the parallel threshold allocates nothing. The coder
// passes make one backend call per slot and pass, so any per-call allocation is an allocation per coded
// symbol. Every operation is exercised in balanced push/pop pairs (tails return to their length, so tail
// growth cannot hide a per-call cost), warmed up, then measured over many rounds on the current thread.
using Engine.Ans;
using Engine.Ans.Quantization;
using Engine.Gpu.Cpu;

namespace Engine.Gpu.Tests;

public sealed class CpuBackendAllocationTests
{
    private const int Lanes = 64;
    private const int Particles = 8;
    private const int Precision = 16;

    [Test]
    public void SmallCallsAllocateNothing()
    {
        using var backend = new CpuBackend();
        var rng = new Random(11);
        RansLanes lanes = TestData.WithHistory(Lanes, 7, 4, 3);
        var state = new Inputs(rng);
        for (int i = 0; i < 3; i++)
            Round(backend, lanes, state); // JIT, statics, tails at their working size
        const int rounds = 200;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++)
            Round(backend, lanes, state);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Out.WriteLine($"{allocated} B over {rounds * Inputs.CallsPerRound} calls");
        // The old RangeRunner allocated ~80 B per call (~200 KB here); allow a few stray bytes of runtime noise.
        Assert.That(allocated, Is.LessThan(1024));
    }

    private static void Round(CpuBackend backend, RansLanes lanes, Inputs d)
    {
        backend.Push(lanes, 0, d.Starts, d.Freqs, Precision);
        backend.PeekCf(lanes, 0, Precision, d.Cf);
        backend.Commit(lanes, 0, d.Starts, d.Freqs, Precision);
        backend.Push(lanes, 0, d.Starts, d.Freqs, Precision, d.Mask);
        backend.Commit(lanes, 0, d.Starts, d.Freqs, Precision, d.Mask);
        backend.PushUniform(lanes, 0, d.Values, d.N);
        backend.PopUniform(lanes, 0, d.N, d.Values);
        backend.PushSymbols(lanes, 0, d.Table.Table, d.Rows, d.Symbols);
        backend.PopSymbols(lanes, 0, d.Table.Table, d.Rows, d.Symbols);
        var perLane = new CdfTable(d.Flat, Lanes, Particles, Precision);
        backend.PushSymbols(lanes, 0, perLane, d.LaneRows, d.Symbols, d.Mask);
        backend.PopSymbols(lanes, 0, perLane, d.LaneRows, d.Symbols, d.Mask);
        backend.CoupledInverseCdf(d.Table.Table, d.Rows, 0, d.U, d.Shifts, Lanes, d.Slots);
        backend.CoupledInverseCdf(d.Table.Table, d.SlotRows, Lanes, d.U, d.Shifts, Lanes, d.Slots);
        backend.ResampleSystematic(d.Flat, Particles, Precision, d.U, d.Shifts, Lanes, d.Slots, d.Mask);
    }

    private sealed class Inputs
    {
        public const int CallsPerRound = 14;

        public Inputs(Random rng)
        {
            TestData.RandomIntervals(rng, Precision, Starts, Freqs);
            for (int b = 0; b < Lanes; b++)
            {
                Mask[b] = (byte)(b % 3 == 0 ? 0 : 1);
                N[b] = (uint)rng.Next(1, 5000);
                Values[b] = (uint)rng.Next((int)N[b]);
                Rows[b] = rng.Next(4);
                LaneRows[b] = b;
                Symbols[b] = rng.Next(Particles);
                U[b] = (uint)rng.Next(1 << Precision);
            }
            for (int i = 0; i < Particles; i++)
                Shifts[i] = (uint)((i << Precision) / Particles);
            for (int i = 0; i < SlotRows.Length; i++)
                SlotRows[i] = rng.Next(4);
            Table = TestData.RandomRows(rng, 4, Particles, Precision);
            Flat = TestData.RandomFlatRows(rng, Lanes, Particles, Precision);
        }

        public uint[] Starts { get; } = new uint[Lanes];
        public uint[] Freqs { get; } = new uint[Lanes];
        public uint[] Cf { get; } = new uint[Lanes];
        public byte[] Mask { get; } = new byte[Lanes];
        public uint[] N { get; } = new uint[Lanes];
        public uint[] Values { get; } = new uint[Lanes];
        public int[] Rows { get; } = new int[Lanes];
        public int[] Symbols { get; } = new int[Lanes];
        public uint[] U { get; } = new uint[Lanes];
        public uint[] Shifts { get; } = new uint[Particles];
        public int[] LaneRows { get; } = new int[Lanes];
        public int[] SlotRows { get; } = new int[Lanes * Particles];
        public int[] Slots { get; } = new int[Lanes * Particles];
        public CdfRows Table { get; }
        public uint[] Flat { get; }
    }
}

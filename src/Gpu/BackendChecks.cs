// BackendChecks: argument validation shared by every backend, run on the host before any lane is
// touched, so both twins reject the same calls with the same exception types and a kernel never reads
// out of bounds. Range scans ("every value below a bound") use Vector256 max-reductions; weight rows are
// summed exactly in 64 bits.
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Engine.Ans;

namespace Engine.Gpu;

internal static class BackendChecks
{
    public static void Lanes(RansLanes lanes, int firstLane, int n)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        if (firstLane < 0 || n < 0 || n > lanes.Count - firstLane)
            throw new ArgumentOutOfRangeException(nameof(firstLane),
                $"Lanes [{firstLane}, {(long)firstLane + n}) are not inside [0, {lanes.Count}).");
    }

    public static void Length(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"Expected {expected} entries, got {actual}.", name);
    }

    public static void Mask(ReadOnlySpan<byte> mask, int n)
    {
        if (!mask.IsEmpty && mask.Length != n)
            throw new ArgumentException($"A mask must be empty or hold one entry per lane ({n}), got {mask.Length}.", nameof(mask));
    }

    /// <summary>Checks a table call's rows (empty, or one row per lane, in range on every active lane) and its mask.</summary>
    public static void TableCall(CdfTable table, ReadOnlySpan<int> rows, int n, ReadOnlySpan<byte> mask = default)
    {
        Mask(mask, n);
        if (rows.IsEmpty)
            return;
        Length(n, rows.Length, nameof(rows));
        ActiveBelow(rows, table.Rows, mask, nameof(rows), "row index");
    }

    /// <summary>Checks that values[i] is in [0, count) on every lane the mask leaves active.</summary>
    public static void ActiveBelow(ReadOnlySpan<int> values, int count, ReadOnlySpan<byte> mask, string name, string what)
    {
        if (mask.IsEmpty)
        {
            if (!AllBelow(MemoryMarshal.Cast<int, uint>(values), (uint)count))
                throw new ArgumentOutOfRangeException(name, $"A {what} is outside [0, {count}).");
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (mask[i] != 0 && (uint)values[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(name, $"Lane {i}: {what} {values[i]} is outside [0, {count}).");
        }
    }

    public static void Symbols(ReadOnlySpan<int> symbols, int count)
    {
        if (!AllBelow(MemoryMarshal.Cast<int, uint>(symbols), (uint)count))
            throw new ArgumentOutOfRangeException(nameof(symbols), $"A symbol is outside [0, {count}).");
    }

    /// <summary>Checks a coupled inverse-CDF call and returns (B, N).</summary>
    public static (int Chains, int Particles) Coupled(CdfTable table, ReadOnlySpan<int> rows, int rowSlotStride, ReadOnlySpan<uint> u,
        ReadOnlySpan<uint> shifts, int slotStride, int latents)
    {
        int b = u.Length, n = shifts.Length;
        if (n < 1)
            throw new ArgumentException("At least one particle (shift) is required.", nameof(shifts));
        SlotArray(latents, b, n, slotStride, "latents");
        if (!rows.IsEmpty)
        {
            if (rowSlotStride != 0)
                SlotArray(rows.Length, b, n, rowSlotStride, nameof(rows));
            else
                Length(b, rows.Length, nameof(rows));
            for (int i = 0; i < (rowSlotStride == 0 ? 1 : n) && b > 0; i++)
                ActiveBelow(rows.Slice(i * rowSlotStride, b), table.Rows, default, nameof(rows), "row index");
        }
        if (!AllBelow(u, 1UL << table.Precision))
            throw new ArgumentOutOfRangeException(nameof(u), $"A coupled uniform is not below 2^{table.Precision}.");
        return (b, n);
    }

    /// <summary>Checks that a slot-major array (particle i of chain b at i slotStride + b) covers B chains of N particles.</summary>
    public static void SlotArray(int length, int chains, int particles, int slotStride, string name)
    {
        if (slotStride < chains)
            throw new ArgumentOutOfRangeException(nameof(slotStride), slotStride, $"The slot stride must be at least the chain count {chains}.");
        long need = chains == 0 ? 0 : (long)(particles - 1) * slotStride + chains;
        if (length < need)
            throw new ArgumentException($"{name} holds {length} entries; {chains} chains x {particles} particles at stride {slotStride} need {need}.", name);
    }

    /// <summary>
    /// Checks per-chain weight CDF rows (N + 1 entries: starts at 0, every freq >= 1, total 2^precision,
    /// last entry mod 2^32) of the chains the mask leaves active, and returns the chain count B.
    /// </summary>
    public static int WeightRows(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<byte> mask)
    {
        RansStep.CheckPrecision(precision);
        if (particles < 1 || (ulong)particles > 1UL << precision)
            throw new ArgumentOutOfRangeException(nameof(particles), particles, $"Need 1..2^{precision} particles.");
        int stride = particles + 1;
        if (weightCdfRows.Length % stride != 0)
            throw new ArgumentException($"{weightCdfRows.Length} entries are not whole rows of {stride}.", nameof(weightCdfRows));
        int chains = weightCdfRows.Length / stride;
        Mask(mask, chains);
        ulong total = 1UL << precision;
        for (int c = 0; c < chains; c++)
        {
            if (!mask.IsEmpty && mask[c] == 0)
                continue;
            ReadOnlySpan<uint> row = weightCdfRows.Slice(c * stride, stride);
            if (row[0] != 0)
                throw new ArgumentException($"Chain {c}'s weight row does not start at 0.", nameof(weightCdfRows));
            ulong sum = 0;
            for (int i = 0; i < particles; i++)
            {
                uint f = row[i + 1] - row[i];
                if (f == 0)
                    throw new ArgumentException($"Chain {c}'s weight row gives slot {i} frequency 0; every frequency must be >= 1.", nameof(weightCdfRows));
                sum += f;
            }
            if (sum != total)
                throw new ArgumentException($"Chain {c}'s weight frequencies sum to {sum}, not 2^{precision}.", nameof(weightCdfRows));
        }
        return chains;
    }

    /// <summary>Checks that every slot-major value of an active chain is below 2^precision.</summary>
    public static void SlotValuesBelow(ReadOnlySpan<uint> values, int chains, int particles, int slotStride, int precision,
        ReadOnlySpan<byte> mask, string name)
    {
        ulong bound = 1UL << precision;
        for (int i = 0; i < particles && chains > 0; i++)
        {
            ReadOnlySpan<uint> slot = values.Slice(i * slotStride, chains);
            bool ok = true;
            if (mask.IsEmpty)
                ok = AllBelow(slot, bound);
            else
                for (int b = 0; b < chains; b++)
                    ok &= mask[b] == 0 || slot[b] < bound;
            if (!ok)
                throw new ArgumentOutOfRangeException(name, $"A value for slot {i} is not below 2^{precision}.");
        }
    }

    public static void BelowTotal(ReadOnlySpan<uint> values, int precision, string name)
    {
        if (!AllBelow(values, 1UL << precision))
            throw new ArgumentOutOfRangeException(name, $"A value is not below 2^{precision}.");
    }

    /// <summary>True when every value is below <paramref name="bound"/> (any bound up to 2^32).</summary>
    public static bool AllBelow(ReadOnlySpan<uint> values, ulong bound)
    {
        if (bound > uint.MaxValue)
            return true;
        if (values.IsEmpty)
            return true;
        if (bound == 0)
            return false;
        uint max = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<uint>.Count)
        {
            Vector256<uint> acc = Vector256<uint>.Zero;
            for (; i <= values.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
                acc = Vector256.Max(acc, Vector256.Create(values.Slice(i, Vector256<uint>.Count)));
            for (int k = 0; k < Vector256<uint>.Count; k++)
                max = Math.Max(max, acc.GetElement(k));
        }
        for (; i < values.Length; i++)
            max = Math.Max(max, values[i]);
        return max < bound;
    }
}

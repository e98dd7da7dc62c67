// RansLanes.Uniform: exact uniforms over any n per lane (the CIS residual, the BB-IS index j).
// Lanes with n = 1 are skipped (a certain value costs nothing); every other lane is an ordinary
// precision-32 push or pop of ExactUniform's interval.
namespace Engine.Ans;

public sealed partial class RansLanes
{
    /// <summary>Pushes values[i] under Uniform(n[i]) on every lane (n[i] >= 1, values[i] &lt; n[i]).</summary>
    public void PushUniform(ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        CheckFullWidth(values.Length);
        PushUniform(0, values, n);
    }

    /// <summary>Pushes uniforms on the lanes [firstLane, firstLane + values.Length).</summary>
    public void PushUniform(int firstLane, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        CheckSpans(firstLane, values.Length, n.Length);
        for (int i = 0; i < values.Length; i++)
            PushUniformOne(firstLane + i, values[i], n[i]);
    }

    /// <summary>Pushes values[i] under the same Uniform(n) on every lane.</summary>
    public void PushUniform(ReadOnlySpan<uint> values, uint n)
    {
        CheckFullWidth(values.Length);
        PushUniform(0, values, n);
    }

    /// <summary>Pushes values under the same Uniform(n) on a lane range.</summary>
    public void PushUniform(int firstLane, ReadOnlySpan<uint> values, uint n)
    {
        CheckSpans(firstLane, values.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            PushUniformOne(firstLane + i, values[i], n);
    }

    /// <summary>Pops one value under Uniform(n[i]) from every lane.</summary>
    public void PopUniform(ReadOnlySpan<uint> n, Span<uint> values)
    {
        CheckFullWidth(values.Length);
        PopUniform(0, n, values);
    }

    /// <summary>Pops uniforms from the lanes [firstLane, firstLane + values.Length).</summary>
    public void PopUniform(int firstLane, ReadOnlySpan<uint> n, Span<uint> values)
    {
        CheckSpans(firstLane, values.Length, n.Length);
        for (int i = 0; i < values.Length; i++)
            values[i] = PopUniformOne(firstLane + i, n[i]);
    }

    /// <summary>Pops one value under the same Uniform(n) from every lane.</summary>
    public void PopUniform(uint n, Span<uint> values)
    {
        CheckFullWidth(values.Length);
        PopUniform(0, n, values);
    }

    /// <summary>Pops values under the same Uniform(n) from a lane range.</summary>
    public void PopUniform(int firstLane, uint n, Span<uint> values)
    {
        CheckSpans(firstLane, values.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            values[i] = PopUniformOne(firstLane + i, n);
    }

    /// <summary>Pushes <paramref name="value"/> under Uniform(<paramref name="n"/>) on one lane.</summary>
    public void PushUniformOne(int lane, uint value, uint n)
    {
        if (n <= 1)
        {
            if (n == 0 || value != 0)
                throw new ArgumentOutOfRangeException(nameof(value), $"Lane {lane}: uniform value {value} over n = {n}.");
            return;
        }
        (uint s, uint f) = ExactUniform.Interval(value, n);
        ulong x = _heads[lane];
        if ((x >> 32) >= f)
        {
            Emit(lane, (uint)x);
            x >>= 32;
        }
        _heads[lane] = RansStep.Encode(x, s, f, 32);
    }

    /// <summary>Pops one value under Uniform(<paramref name="n"/>) from one lane.</summary>
    public uint PopUniformOne(int lane, uint n)
    {
        if (n <= 1)
        {
            if (n == 0)
                throw new ArgumentOutOfRangeException(nameof(n), $"Lane {lane}: uniform over n = 0.");
            return 0;
        }
        ulong x = _heads[lane];
        uint cf = (uint)x;
        uint v = ExactUniform.Value(cf, n);
        (uint s, uint f) = ExactUniform.Interval(v, n);
        x = f * (x >> 32) + (cf - s);
        if (x < RansStep.LowerBound)
            x = Refill(lane, x);
        _heads[lane] = x;
        return v;
    }
}

// FsCheck properties of the reciprocal encoder and the exact uniform: for arbitrary heads, frequencies
// and values (with FsCheck's shrinking to a minimal counter-example on failure).
using Engine.Ans;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Ans.Tests;

public class ReciprocalPropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(3000);

    [Test]
    public void ReciprocalQuotientEqualsDivision()
        => Prop.ForAll<ulong, uint, byte>((x, f, spread) =>
        {
            uint freq = Math.Max(1u, f);
            var e = new RansEncSymbol(0, freq, 32);
            // FsCheck's integers are small; also probe the same bits spread over the whole 64-bit range.
            ulong big = x | ((ulong)spread << 56) | ((ulong)f << 24);
            return e.Quotient(x) == x / freq && e.Quotient(big) == big / freq && e.Quotient(ulong.MaxValue - x) == (ulong.MaxValue - x) / freq;
        }).Check(Many);

    [Test]
    public void ExactUniformValueInvertsInterval()
        => Prop.ForAll<uint, uint>((v, n) =>
        {
            uint size = Math.Max(2u, n);
            uint value = v % size;
            (uint s, uint f) = ExactUniform.Interval(value, size);
            return f >= 1 && ExactUniform.Value(s, size) == value && ExactUniform.Value(s + f - 1, size) == value;
        }).Check(Many);
}

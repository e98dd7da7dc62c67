// RansAccount: the bit accounting of docs/architecture.md#bit-accounting for one chain or a sum of chains.
// total = 32 |tail| + log2(head); initial = log2(initial head) + 32 (words drawn); net = total - initial.
// Reporting only: accounting uses double logs, which never decide a table.
namespace Engine.Ans;

/// <summary>Total, initial and net bits of one lane or of a set of lanes.</summary>
/// <param name="TotalBits">32 per tail word plus log2 of the head.</param>
/// <param name="InitialBits">log2 of the initial head plus 32 per initial-bit word drawn.</param>
public readonly record struct RansAccount(double TotalBits, double InitialBits)
{
    /// <summary>Net bits: what the coded data cost beyond the initial bits.</summary>
    public double NetBits => TotalBits - InitialBits;

    /// <summary>Sums two accounts.</summary>
    /// <summary>The sum of <paramref name="accounts"/> (a message's bits over all its chains).</summary>
    public static RansAccount Sum(IEnumerable<RansAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        RansAccount sum = default;
        foreach (RansAccount a in accounts) sum += a;
        return sum;
    }

    public static RansAccount operator +(RansAccount a, RansAccount b)
        => new(a.TotalBits + b.TotalBits, a.InitialBits + b.InitialBits);
}

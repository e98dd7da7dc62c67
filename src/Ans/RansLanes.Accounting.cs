// RansLanes.Accounting: per-lane and summed bit accounting (docs/architecture.md#bit-accounting).
namespace Engine.Ans;

public sealed partial class RansLanes
{
    /// <summary>The account of one lane: total, initial and net bits.</summary>
    public RansAccount Account(int lane)
        => new(32.0 * _tails[lane].Length + Math.Log2(_heads[lane]),
               Math.Log2(_initialHeads[lane]) + 32.0 * _drawn[lane]);

    /// <summary>The sum of every lane's account.</summary>
    public RansAccount AccountAll()
    {
        var sum = default(RansAccount);
        for (int i = 0; i < _heads.Length; i++)
            sum += Account(i);
        return sum;
    }
}

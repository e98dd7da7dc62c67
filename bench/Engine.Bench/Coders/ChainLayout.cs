// ChainLayout: one point of the coder speed sweep, B chains coded in lock-step and the thread cap of the
// passes (CoderOptions.Threads: 0 = one per core, 1 = one thread, the same-run baseline of the split).
namespace Engine.Bench.Coders;

/// <summary>Chains and thread cap of one benchmark case.</summary>
public sealed record ChainLayout(int Chains, int Threads)
{
    /// <summary>"B=64" (all cores) or "B=64 t=1".</summary>
    public override string ToString() => Threads == 0 ? $"B={Chains}" : $"B={Chains} t={Threads}";
}

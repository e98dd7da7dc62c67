// SweepPlan: which coders, particle counts and chain counts a sweep runs on one data set.
namespace Engine.Systems;

/// <summary>The grid of a sweep: coders × particle counts × chain counts (and the SMC resampling policy).</summary>
public sealed record SweepPlan
{
    /// <summary>Coders to run (default: all seven).</summary>
    public IReadOnlyList<CoderKind> Coders { get; init; } = CoderNames.All;

    /// <summary>Particle counts N (BB-ELBO always runs once with N = 1).</summary>
    public IReadOnlyList<int> Particles { get; init; } = [1, 16, 128];

    /// <summary>Chain counts B.</summary>
    public IReadOnlyList<int> Chains { get; init; } = [1];

    /// <summary>Resampling policy for BB-SMC and BB-CSMC.</summary>
    public ResamplingMode Resampling { get; init; } = ResamplingMode.Always;

    /// <summary>Seed of the initial bits.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Also decode every message and compare (the row's <see cref="SweepRow.RoundTrip"/>).</summary>
    public bool Verify { get; init; } = true;
}

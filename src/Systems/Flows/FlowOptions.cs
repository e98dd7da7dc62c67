// FlowOptions: how a local bits-back coder codes a CIF — the coder, the Gaussian width sigma, the three grids and the
// chains. All but the run-time fields (backend, profiling, progress) are written into the message (FlowMessageFields).
//   sigma = 2^-SigmaBits: the width of every level's Gaussian N(F(z), sigma^2 I) (and of the inverse N(F^-1(z), sigma^2 J J^T));
//   latent grid 2^-GridBits for the levels z_0 .. z_{L-1}; index grid 2^-IndexGridBits for every u_l;
//   data grid 2^-(SymbolBits + DequantBits): each symbol's unit interval is split into 2^DequantBits bins, and the bin is
//   the dequantisation noise that is popped (bits back) before coding and pushed back after decoding.
// The grids must be far finer than the Gaussians they carry (sigma · e^-lambda >> grid) for the rate to approach the
// model's bound; coarser grids stay lossless but cost bits.
using Engine.Ans.Messages;
using Engine.Gpu;

namespace Engine.Systems.Flows;

/// <summary>Options of a local bits-back coder.</summary>
public sealed record FlowOptions
{
    /// <summary>Most chains one run codes in lock-step.</summary>
    public const int MaxChains = 1 << 16;

    /// <summary>Most chains x dimensions one run holds (its scratch is a few doubles per chain and dimension): 2^22.</summary>
    public const long MaxChainSymbols = 1L << 22;

    /// <summary>The coder.</summary>
    public FlowCoderKind Coder { get; init; } = FlowCoderKind.BitSwap;

    /// <summary>sigma = 2^-SigmaBits (1 to 30).</summary>
    public int SigmaBits { get; init; } = 14;

    /// <summary>Latent grid 2^-GridBits (1 to 28); levels must stay inside ±2^(30 - GridBits).</summary>
    public int GridBits { get; init; } = 20;

    /// <summary>Index grid 2^-IndexGridBits (1 to 28).</summary>
    public int IndexGridBits { get; init; } = 20;

    /// <summary>Dequantisation bins per symbol, 2^DequantBits (1 to 20; SymbolBits + DequantBits at most 28).</summary>
    public int DequantBits { get; init; } = 12;

    /// <summary>Most index particles of the importance-sampling coder.</summary>
    public const int MaxParticles = 1024;

    /// <summary>Index particles N of <see cref="FlowCoderKind.ImportanceSampling"/> and <see cref="FlowCoderKind.CoupledImportanceSampling"/>
    /// (1 to 1024; 1 for the other coders).</summary>
    public int Particles { get; init; } = 1;

    /// <summary>Independent chains coded in lock-step (each a separate rANS lane of the message).</summary>
    public int Chains { get; init; } = 1;

    /// <summary>Seed of the initial bits.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>rANS backend (null: a fresh cpu backend per run). Not written to the message beyond its name.</summary>
    public IRansBackend? Backend { get; init; }

    /// <summary>Time every system.</summary>
    public bool Profile { get; init; }

    /// <summary>Record a Chrome trace.</summary>
    public bool Trace { get; init; }

    /// <summary>Told the fraction coded, about a thousand times a run.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Format version of the written message (4 or later; a flow message's bytes are the same in each but for the version and
    /// the frame checksum). Internal: the golden tests pin older versions; users always write the current one.</summary>
    internal int FormatVersion { get; init; } = McbMessage.CurrentVersion;

    /// <summary>Throws unless every field is in range for a model of <paramref name="symbolBits"/>-bit symbols.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public void Validate(int symbolBits)
    {
        Check(SigmaBits, 1, 30, nameof(SigmaBits));
        Check(GridBits, 1, 28, nameof(GridBits));
        Check(IndexGridBits, 1, 28, nameof(IndexGridBits));
        Check(DequantBits, 1, 20, nameof(DequantBits));
        Check(Chains, 1, MaxChains, nameof(Chains));
        Check(FormatVersion, 4, McbMessage.CurrentVersion, nameof(FormatVersion));
        if (symbolBits + DequantBits > 28)
            throw new ArgumentOutOfRangeException(nameof(DequantBits), DequantBits, $"Symbol bits ({symbolBits}) + dequantisation bits must be at most 28.");
        if (!Enum.IsDefined(Coder)) throw new ArgumentOutOfRangeException(nameof(Coder), Coder, "Unknown flow coder.");
        Check(Particles, 1, MaxParticles, nameof(Particles));
        if (Particles > 1 && !Coder.HasParticles())
            throw new ArgumentOutOfRangeException(nameof(Particles), Particles, "Only the importance-sampling coders have several particles.");
    }

    private static void Check(int value, int low, int high, string name)
    {
        if (value < low || value > high) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{low}, {high}].");
    }
}

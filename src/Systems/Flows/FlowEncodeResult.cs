// FlowEncodeResult: the message of one local bits-back encode and its accounting (total, initial and net bits over all
// chains, per data dimension and per unit), the wall time and the scheduler's profiles when asked for.
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;

namespace Engine.Systems.Flows;

/// <summary>What a local bits-back encode produced and what it cost.</summary>
public sealed class FlowEncodeResult
{
    internal FlowEncodeResult(McbMessage message, FlowOptions options, int units, int dims, IReadOnlyList<RansAccount> chains, double seconds,
        IReadOnlyList<SystemProfile> profiles, string profileTable)
    {
        Message = message;
        Options = options;
        Units = units;
        Dims = dims;
        ChainAccounts = chains;
        Account = RansAccount.Sum(chains);
        Seconds = seconds;
        Profiles = profiles;
        ProfileTable = profileTable;
    }

    /// <summary>The message to write and later decode.</summary>
    public McbMessage Message { get; }

    /// <summary>The options it was coded with.</summary>
    public FlowOptions Options { get; }

    /// <summary>Data vectors coded.</summary>
    public int Units { get; }

    /// <summary>Dimensions of each.</summary>
    public int Dims { get; }

    /// <summary>Bits over all chains.</summary>
    public RansAccount Account { get; }

    /// <summary>Bits of each chain.</summary>
    public IReadOnlyList<RansAccount> ChainAccounts { get; }

    /// <summary>Net bits (total minus initial) per data dimension.</summary>
    public double NetBitsPerDim => Account.NetBits / ((double)Units * Dims);

    /// <summary>Total bits per data dimension.</summary>
    public double TotalBitsPerDim => Account.TotalBits / ((double)Units * Dims);

    /// <summary>The coder's own estimate of its rate, in bits per dimension: −log2 p(x~, u) + log2 q(u | x~) + SymbolBits per unit,
    /// from the values this run popped and the model's continuous densities (reporting only). The net rate exceeds it by the
    /// local bits-back gap (O(sigma^2)) and the grids' cost; when each unit is alone on its chain and the coder is naive (clean
    /// pops), it is a Monte Carlo estimate of the model's −ELBO (FlowBound).</summary>
    public double EstimatorBitsPerDim { get; init; } = double.NaN;

    /// <summary>Standard error of <see cref="EstimatorBitsPerDim"/> over the units (NaN for one).</summary>
    public double EstimatorStandardError { get; init; } = double.NaN;

    /// <summary>Values the encoder coded through a Gaussian's escape (outside its window of ±7 std): rare for a model that fits
    /// its data; each costs about 50 bits.</summary>
    public long Escapes { get; init; }

    /// <summary>Net bits per data vector.</summary>
    public double NetBitsPerUnit => Account.NetBits / Units;

    /// <summary>Initial bits over all chains.</summary>
    public double InitialBits => Account.InitialBits;

    /// <summary>Wall time of the encode in seconds.</summary>
    public double Seconds { get; }

    /// <summary>Per-system profiles (empty unless asked for).</summary>
    public IReadOnlyList<SystemProfile> Profiles { get; }

    /// <summary>The profiles as a text table (empty when not profiled).</summary>
    public string ProfileTable { get; }
}

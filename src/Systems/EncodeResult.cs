// EncodeResult: the message of one encode and its accounting (docs/architecture.md#bit-accounting): total, initial and net bits,
// summed over chains and per chain, per symbol and per unit (a unit is a symbol for the mixture and a
// sequence of T symbols for the HMM), the wall time, the message's real file size, and the scheduler's
// per-system profiles and trace when they were asked for.
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;

namespace Engine.Systems;

/// <summary>What an encode produced and what it cost.</summary>
public sealed class EncodeResult
{
    private long? _fileBytes;

    internal EncodeResult(McbMessage message, CoderOptions options, int symbols, int units, IReadOnlyList<RansAccount> chains,
        double seconds, IReadOnlyList<SystemProfile> profiles, IReadOnlyList<TraceEvent> trace, string profileTable)
    {
        Message = message;
        Options = options;
        Symbols = symbols;
        Units = units;
        ChainAccounts = chains;
        Account = RansAccount.Sum(chains);
        Seconds = seconds;
        Profiles = profiles;
        Trace = trace;
        ProfileTable = profileTable;
    }

    /// <summary>The message to write (McbMessageFile) and later decode.</summary>
    public McbMessage Message { get; }

    /// <summary>The coder's own estimator on this run's particles: mean −log2 p̂ per unit (IS / CIS: log2 of the mean importance
    /// weight; SMC family: the sum over weight segments; BB-ELBO: log2 w of its one particle), from the weights the coder
    /// computed (reporting only). With every unit alone on its chain (as many chains as units) each unit's pops read clean
    /// seeded bits, and this is a Monte Carlo estimate of the coder's target −E log2 p̂ (−ELBO, −IWAE(N), the SMC bound);
    /// with several units per chain the particles are drawn from bits earlier units pushed. NaN for the AIS coders.</summary>
    public double EstimatorBitsPerUnit { get; init; } = double.NaN;

    /// <summary>Standard error of <see cref="EstimatorBitsPerUnit"/> over the units (NaN for fewer than two).</summary>
    public double EstimatorStandardError { get; init; } = double.NaN;

    /// <summary>The options the message was coded with.</summary>
    public CoderOptions Options { get; }

    /// <summary>Observed symbols coded.</summary>
    public int Symbols { get; }

    /// <summary>Units coded (symbols / sequence length).</summary>
    public int Units { get; }

    /// <summary>Bits summed over all chains.</summary>
    public RansAccount Account { get; }

    /// <summary>Bits of each chain.</summary>
    public IReadOnlyList<RansAccount> ChainAccounts { get; }

    /// <summary>Net bits per observed symbol (total minus initial, over all chains).</summary>
    public double NetBitsPerSymbol => Per(Account.NetBits, Symbols);

    /// <summary>Total bits per observed symbol.</summary>
    public double TotalBitsPerSymbol => Per(Account.TotalBits, Symbols);

    /// <summary>Net bits per unit (per sequence for the HMM).</summary>
    public double NetBitsPerUnit => Per(Account.NetBits, Units);

    /// <summary>Total bits per unit.</summary>
    public double TotalBitsPerUnit => Per(Account.TotalBits, Units);

    /// <summary>Initial bits summed over chains.</summary>
    public double InitialBits => Account.InitialBits;

    /// <summary>Initial bits per chain (mean).</summary>
    public double InitialBitsPerChain => Account.InitialBits / ChainAccounts.Count;

    /// <summary>Wall time of the encode (context, schedule and coding), in seconds.</summary>
    public double Seconds { get; }

    /// <summary>Seconds per observed symbol.</summary>
    public double SecondsPerSymbol => Per(Seconds, Symbols);

    /// <summary>Seconds per unit.</summary>
    public double SecondsPerUnit => Per(Seconds, Units);

    /// <summary>Size of the message file in bytes (serialised once, on first use).</summary>
    public long FileBytes => _fileBytes ??= McbMessageFile.ToBytes(Message).LongLength;

    /// <summary>Per-system profiles (empty unless <see cref="CoderOptions.Profile"/> or <see cref="CoderOptions.Trace"/>).</summary>
    public IReadOnlyList<SystemProfile> Profiles { get; }

    /// <summary>Trace events (empty unless <see cref="CoderOptions.Trace"/>).</summary>
    public IReadOnlyList<TraceEvent> Trace { get; }

    /// <summary>The profiles as a text table (empty when not profiled).</summary>
    public string ProfileTable { get; }

    /// <summary>Writes <see cref="Trace"/> as Chrome trace-event JSON (opens in Perfetto).</summary>
    public void WriteChromeTrace(string path) => ChromeTraceWriter.WriteFile(path, Trace);

    private static double Per(double value, int count) => count == 0 ? 0 : value / count;
}

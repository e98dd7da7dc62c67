// DecodeBudget: how much work and memory a decode may claim, decided from a parsed message's header counts
// before any decoding starts (issue 10) — never by checks inside the coder passes. An honest message can be
// small and still need much work (a coupled coder's message does not grow with N, a low-entropy model codes
// many symbols per byte), so the budget is a documented default, not a function of the file size:
//   work           = Σ symbols × particles × coder weight     ("particle-steps"; BB-AIS and its Bit-Swap
//                    form weigh 4: each annealing step runs a Metropolis kernel, measured ~4x a BB-IS step)
//   live particles = chains × particles                       (entities and gathered arrays grow with it)
// Defaults 2^25 particle-steps (~30 s of one-chain BB-IS decode on the 2-core development machine) and
// 2^20 live particles (~300 MB). McBitsCodec and VaeCodec call Check first; the caller raises the budget for a
// scope with Use (the CLI: decompress --max-work / --max-particles; sweeps and profile decode their own
// messages under Unlimited). Exceeding it is McbFormatException(LimitExceeded). A message whose
// "particles" parameter does not parse is left to the decoder's own parameter check.
using System.Globalization;
using Engine.Ans.Messages;

namespace Engine.Systems;

/// <summary>Upper bounds on the work and memory one decode may claim, and the check against a message's header.</summary>
public sealed record DecodeBudget
{
    /// <summary>Default largest decode work, in particle-steps (see <see cref="WorkOf"/>).</summary>
    public const long DefaultMaxWork = 1L << 25;

    /// <summary>Default largest chains × particles a decode may hold.</summary>
    public const long DefaultMaxLiveParticles = 1L << 20;

    /// <summary>Weight of one annealing step of BB-AIS and BB-AIS-BitSwap relative to a BB-IS particle step.</summary>
    public const int AnnealedStepWeight = 4;

    private static readonly AsyncLocal<DecodeBudget?> Scoped = new();

    /// <summary>The documented default budget.</summary>
    public static DecodeBudget Default { get; } = new();

    /// <summary>No bound (for messages the caller just encoded itself).</summary>
    public static DecodeBudget Unlimited { get; } = new() { MaxWork = long.MaxValue, MaxLiveParticles = long.MaxValue };

    /// <summary>The budget decodes on this async flow run under: the innermost <see cref="Use"/>, else <see cref="Default"/>.</summary>
    public static DecodeBudget Current => Scoped.Value ?? Default;

    /// <summary>Largest decode work, in particle-steps.</summary>
    public long MaxWork { get; init; } = DefaultMaxWork;

    /// <summary>Largest chains × particles.</summary>
    public long MaxLiveParticles { get; init; } = DefaultMaxLiveParticles;

    /// <summary>Makes <paramref name="budget"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(DecodeBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        DecodeBudget? previous = Scoped.Value;
        Scoped.Value = budget;
        return new Scope(previous);
    }

    /// <summary>Throws <see cref="McbErrorKind.LimitExceeded"/> when decoding <paramref name="message"/> would exceed <see cref="Current"/>.</summary>
    public static void Check(McbMessage message) => Current.Enforce(message);

    /// <summary>Throws <see cref="McbErrorKind.LimitExceeded"/> when decoding <paramref name="message"/> would exceed this budget.</summary>
    public void Enforce(McbMessage message)
    {
        if (Measure(message) is not { } need) return;
        if (need.LiveParticles > MaxLiveParticles)
            throw new McbFormatException(McbErrorKind.LimitExceeded, string.Create(CultureInfo.InvariantCulture,
                $"Decoding needs {message.ChainCount} chains x {need.Particles} particles = {need.LiveParticles} live particles, above the budget of {MaxLiveParticles} (raise it: mcbits decompress --max-particles)."));
        if (need.Work > MaxWork)
            throw new McbFormatException(McbErrorKind.LimitExceeded, string.Create(CultureInfo.InvariantCulture,
                $"Decoding needs {need.Work} particle-steps ({need.Symbols} symbols x {need.Particles} particles{(need.Weight > 1 ? $" x {need.Weight}" : "")}), above the budget of {MaxWork} (raise it: mcbits decompress --max-work)."));
    }

    /// <summary>Throws <see cref="McbErrorKind.LimitExceeded"/> when <paramref name="work"/> steps (a local bits-back message: symbols x
    /// layers, <paramref name="what"/> says so in the error) exceed <see cref="MaxWork"/>.</summary>
    public void EnforceWork(long work, string what)
    {
        if (work > MaxWork)
            throw new McbFormatException(McbErrorKind.LimitExceeded, string.Create(CultureInfo.InvariantCulture,
                $"Decoding needs {work} steps ({what}), above the budget of {MaxWork} (raise it: mcbits decompress --max-work)."));
    }

    /// <summary>Throws <see cref="McbErrorKind.LimitExceeded"/> when <paramref name="live"/> = <paramref name="chains"/> x
    /// <paramref name="particles"/> particles exceed <see cref="MaxLiveParticles"/> (coders whose messages <see cref="Measure"/> cannot read).</summary>
    public void EnforceLiveParticles(long live, int chains, int particles)
    {
        if (live > MaxLiveParticles)
            throw new McbFormatException(McbErrorKind.LimitExceeded, string.Create(CultureInfo.InvariantCulture,
                $"Decoding needs {chains} chains x {particles} particles = {live} live particles, above the budget of {MaxLiveParticles} (raise it: mcbits decompress --max-particles)."));
    }

    /// <summary>True when decoding <paramref name="message"/> fits this budget (an unmeasurable message fits: the decoder rejects it).</summary>
    public bool Allows(McbMessage message) =>
        Measure(message) is not { } need || (need.LiveParticles <= MaxLiveParticles && need.Work <= MaxWork);

    /// <summary>Decode work of <paramref name="message"/> in particle-steps, or null when its particle count does not parse.</summary>
    public static long? WorkOf(McbMessage message) => Measure(message)?.Work;

    /// <summary>What a decode of <paramref name="message"/> will claim, from its header counts alone.</summary>
    public static DecodeNeed? Measure(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.CoderParameters.TryGetValue("particles", out string? text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long particles) || particles < 1)
            return null;
        int weight = 1;
        try
        {
            if (CoderOptions.IsAnnealed(CoderNames.Parse(message.Coder))) weight = AnnealedStepWeight;
        }
        catch (FormatException)
        {
            return null;
        }
        long symbols = 0;
        foreach (long c in message.SymbolCounts)
            symbols = Saturating((decimal)symbols + Math.Max(c, 0));
        long work = Saturating((decimal)symbols * particles * weight);
        long live = Saturating((decimal)message.ChainCount * particles);
        return new DecodeNeed(symbols, particles, weight, work, live);
    }

    private static long Saturating(decimal value) => value >= long.MaxValue ? long.MaxValue : (long)value;

    private sealed class Scope(DecodeBudget? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Scoped.Value = previous;
        }
    }
}

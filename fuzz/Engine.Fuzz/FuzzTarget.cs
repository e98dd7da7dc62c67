// FuzzTarget: what every fuzz target shares. A target feeds one input's bytes to one untrusted-input reader
// (and what runs on its result); the reader's own typed errors are the expected way to refuse bad input and
// are caught here; anything else escapes as a finding (afl counts it as a crash). So does an input whose
// run allocates more than the target's cap: allocation is measured per input (managed bytes, all threads),
// which bounds what the reader could hold at once. afl's timeout and the tests' hang guard catch runaways.
// The same classes run under afl++ (Program, scripts/fuzz.sh) and in CI (tests/Engine.Fuzz.Tests).
namespace Engine.Fuzz;

/// <summary>How one input ended (a finding throws instead).</summary>
public enum FuzzOutcome
{
    /// <summary>The reader accepted the input (and, for messages, decoded and verified it).</summary>
    Accepted,
    /// <summary>The reader refused it with its typed error.</summary>
    Refused,
}

/// <summary>Thrown when an input is handled in a way the reader's contract does not allow (other than an unexpected exception).</summary>
public sealed class FuzzFindingException(string message) : Exception(message);

/// <summary>One fuzz target: a reader, its typed errors and its per-input allocation cap.</summary>
public abstract class FuzzTarget
{
    /// <summary>Every target, by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["message", "idx", "checkpoint", "cif-checkpoint", "vrnn-checkpoint", "model-json"];

    /// <summary>The target called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static FuzzTarget Create(string name) => name switch
    {
        "message" => new MessageTarget(),
        "idx" => new IdxTarget(),
        "checkpoint" => new CheckpointTarget(),
        "cif-checkpoint" => new CifCheckpointTarget(),
        "vrnn-checkpoint" => new VrnnCheckpointTarget(),
        "model-json" => new ModelJsonTarget(),
        _ => throw new ArgumentException($"Unknown fuzz target '{name}'; targets: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The target's name (also its corpus folder).</summary>
    public abstract string Name { get; }

    /// <summary>Most managed bytes one input may make the reader allocate.</summary>
    public abstract long MaxAllocatedBytes { get; }

    private Exception? _lastRefusal;

    /// <summary>The last input's refusal as "type: message", or null when it was accepted (for replays and test messages).</summary>
    public string? LastRefusal => _lastRefusal is null ? null : $"{_lastRefusal.GetType().Name}: {_lastRefusal.Message}";

    /// <summary>Managed bytes the last input allocated (for statistics).</summary>
    public long LastAllocatedBytes { get; private set; }

    /// <summary>Runs one input. Returns how it ended; throws on a finding (an unexpected exception escapes as it is).</summary>
    /// <exception cref="FuzzFindingException">The input made the reader allocate more than <see cref="MaxAllocatedBytes"/>.</exception>
    public FuzzOutcome Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long before = GC.GetTotalAllocatedBytes(precise: false);
        FuzzOutcome outcome;
        try
        {
            Read(input);
            outcome = FuzzOutcome.Accepted;
            _lastRefusal = null;
        }
        catch (Exception e) when (IsTypedError(e))
        {
            outcome = FuzzOutcome.Refused;
            _lastRefusal = e;
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        LastAllocatedBytes = allocated;
        if (allocated > MaxAllocatedBytes)
            throw new FuzzFindingException($"{Name}: a {input.Length}-byte input allocated {allocated} bytes, over the {MaxAllocatedBytes}-byte cap.");
        return outcome;
    }

    /// <summary>Feeds <paramref name="input"/> to the reader; returns normally when it was accepted.</summary>
    protected abstract void Read(byte[] input);

    /// <summary>True for the reader's documented error types.</summary>
    protected abstract bool IsTypedError(Exception e);
}

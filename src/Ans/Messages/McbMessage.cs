// McbMessage: everything a decoder needs, as written to and read from a .mcb file (docs/format.md#message-fields):
// the coder and its parameters, the model and its fingerprint, the backend, the per-chain symbol
// counts, the initial-bits seed, every head and tail, and a checksum of the decoded output (OutputChecksum:
// the data alone in format version 1, the data and its dimensions from version 2).
namespace Engine.Ans.Messages;

/// <summary>An McBits message: rANS state plus what is needed to decode and verify it.</summary>
public sealed class McbMessage
{
    /// <summary>The magic string that opens every message.</summary>
    public const string Magic = "MCBITS";

    /// <summary>The format version this build writes by default (docs/format.md#versions).</summary>
    public const int CurrentVersion = 5;

    /// <summary>The oldest format version this build still reads and writes.</summary>
    public const int OldestVersion = 1;

    /// <summary>Whether this build reads and writes format <paramref name="version"/>.</summary>
    public static bool IsSupportedVersion(long version) => version >= OldestVersion && version <= CurrentVersion;

    /// <summary>Format version: what a read message declared, or what a writer writes (<see cref="CurrentVersion"/> by default).
    /// It decides how <see cref="DataChecksum"/> is computed (<see cref="OutputChecksum"/>).</summary>
    public int FormatVersion { get; init; } = CurrentVersion;

    /// <summary>Coder name, e.g. "BB-SMC".</summary>
    public required string Coder { get; init; }

    /// <summary>Coder parameters (N, resampling, precisions, ...), written in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> CoderParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Human-readable model description.</summary>
    public required string Model { get; init; }

    /// <summary>Model fingerprint (e.g. a hash of its tables or weights); decode checks it.</summary>
    public byte[] ModelFingerprint { get; init; } = [];

    /// <summary>Backend that wrote the message (e.g. "cpu", "ilgpu-cuda").</summary>
    public string Backend { get; init; } = "";

    /// <summary>Symbols coded on each chain.</summary>
    public required long[] SymbolCounts { get; init; }

    /// <summary>Seed of the initial bits.</summary>
    public ulong Seed { get; init; }

    /// <summary>One head per chain.</summary>
    public required ulong[] Heads { get; init; }

    /// <summary>One tail per chain, bottom word first.</summary>
    public required uint[][] Tails { get; init; }

    /// <summary>Checksum of the decoded output as <see cref="OutputChecksum"/> computes it for <see cref="FormatVersion"/>
    /// (version 1: XXH64 of the data; version 2: of the data and its dimensions).</summary>
    public ulong DataChecksum { get; init; }

    /// <summary>Free-form extra key/values, written in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Number of chains.</summary>
    public int ChainCount => Heads.Length;

    /// <summary>Total tail words over all chains.</summary>
    public long TailWords
    {
        get
        {
            long sum = 0;
            foreach (uint[] t in Tails)
                sum += t.Length;
            return sum;
        }
    }

    /// <summary>Decoder-mode lanes holding this message's state (throws <see cref="MessageCorruptException"/> on a bad head).</summary>
    public RansLanes ToLanes() => RansLanes.FromState(Seed, Heads, Tails);

    /// <summary>Throws <see cref="ArgumentException"/> unless the arrays are consistent and complete.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Coder);
        ArgumentNullException.ThrowIfNull(Model);
        ArgumentNullException.ThrowIfNull(ModelFingerprint);
        ArgumentNullException.ThrowIfNull(Backend);
        ArgumentNullException.ThrowIfNull(SymbolCounts);
        ArgumentNullException.ThrowIfNull(Heads);
        ArgumentNullException.ThrowIfNull(Tails);
        ArgumentNullException.ThrowIfNull(CoderParameters);
        ArgumentNullException.ThrowIfNull(Extra);
        if (!IsSupportedVersion(FormatVersion))
            throw new ArgumentException($"Format version {FormatVersion} is not one this build writes ({OldestVersion} to {CurrentVersion}).");
        if (Heads.Length == 0)
            throw new ArgumentException("A message needs at least one chain.");
        if (Tails.Length != Heads.Length || SymbolCounts.Length != Heads.Length)
            throw new ArgumentException($"{Heads.Length} heads, {Tails.Length} tails and {SymbolCounts.Length} symbol counts differ.");
        for (int i = 0; i < Heads.Length; i++)
        {
            if (Heads[i] < RansStep.LowerBound)
                throw new ArgumentException($"Head {i} is below 2^32.");
            if (Tails[i] is null)
                throw new ArgumentException($"Tail {i} is null.");
            if (SymbolCounts[i] < 0)
                throw new ArgumentException($"Symbol count {i} is negative.");
        }
    }
}

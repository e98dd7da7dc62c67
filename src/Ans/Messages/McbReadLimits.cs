// McbReadLimits: caller-chosen bounds a message must respect before anything is decoded or allocated
// (a file size cap, and caps on chains and declared symbols so a corrupt count cannot make a decoder
// allocate or loop without bound).
namespace Engine.Ans.Messages;

/// <summary>Upper bounds applied while reading an untrusted message.</summary>
public sealed record McbReadLimits
{
    /// <summary>Defaults: 1 GiB files, 2^24 chains, 2^40 symbols per chain.</summary>
    public static McbReadLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest chain count accepted.</summary>
    public int MaxChains { get; init; } = 1 << 24;

    /// <summary>Largest per-chain symbol count accepted.</summary>
    public long MaxSymbolsPerChain { get; init; } = 1L << 40;
}

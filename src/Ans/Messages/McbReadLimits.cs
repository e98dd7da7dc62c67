// McbReadLimits: the one set of bounds an untrusted message must respect before anything is decoded or
// allocated, shared by the parser (McbMessageParser) and the decoders (Engine.Systems.DecodeBudget checks
// the same numbers, and CoderOptions' caps are asserted equal in the tests): a file size cap, the chain
// cap the decoder accepts, chains × particles, and symbols per chain and in total (one decode holds all
// symbols in one array). A count over a limit is McbErrorKind.LimitExceeded.
namespace Engine.Ans.Messages;

/// <summary>Upper bounds applied while reading an untrusted message.</summary>
public sealed record McbReadLimits
{
    /// <summary>Largest chain count any decoder accepts (equal to <c>CoderOptions.MaxChains</c>).</summary>
    public const int DecoderMaxChains = 65536;

    /// <summary>Largest chains × particles any decoder accepts (equal to <c>CoderOptions.MaxParticleEntities</c>).</summary>
    public const int DecoderMaxParticleEntities = 1 << 22;

    /// <summary>Defaults: 1 GiB files, 65,536 chains, chains × particles ≤ 2^22, at most <see cref="Array.MaxLength"/> symbols.</summary>
    public static McbReadLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest chain count accepted.</summary>
    public int MaxChains { get; init; } = DecoderMaxChains;

    /// <summary>Largest chains × particles accepted (checked when the coder parameters declare "particles").</summary>
    public long MaxParticleEntities { get; init; } = DecoderMaxParticleEntities;

    /// <summary>Largest per-chain symbol count accepted.</summary>
    public long MaxSymbolsPerChain { get; init; } = Array.MaxLength;

    /// <summary>Largest total symbol count over all chains (a decode holds them all in one array).</summary>
    public long MaxTotalSymbols { get; init; } = Array.MaxLength;
}

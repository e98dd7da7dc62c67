// ObservedBatch: x_t of a contiguous range of chains, handed to IModelSession.Observe once the coders know
// it (encode: when a unit starts; decode: right after the model pass popped x_t), so a model whose proposal
// comes from a network can run that network once for all chains of the range instead of once per query.
// Lane-major like LatentQuery: symbol w of chain FirstChain + q is span[w * Stride + q].
namespace Engine.Modeling;

/// <summary>The observations x_t of <see cref="Count"/> consecutive chains at one step.</summary>
public readonly ref struct ObservedBatch
{
    private readonly ReadOnlySpan<int> _observed;

    /// <summary>Builds a batch (coders do this; models only read it).</summary>
    public ObservedBatch(int step, int firstChain, int count, int stride, ReadOnlySpan<int> observed)
    {
        Step = step;
        FirstChain = firstChain;
        Count = count;
        Stride = stride;
        _observed = observed;
    }

    /// <summary>Step t.</summary>
    public int Step { get; }

    /// <summary>Chain of entry 0; entry q is chain FirstChain + q.</summary>
    public int FirstChain { get; }

    /// <summary>Number of chains.</summary>
    public int Count { get; }

    /// <summary>Distance between the same chain's values of consecutive symbol positions.</summary>
    public int Stride { get; }

    /// <summary>x_t at symbol position <paramref name="w"/> of every chain of the batch.</summary>
    public ReadOnlySpan<int> Observed(int w) => _observed.Slice(w * Stride, Count);
}

// ParticleWeightBatch: everything a session needs to sum the importance log-weight increments of every particle of
// a contiguous range of chains at step t in one call (IParticleWeights): x_t, every particle's z_t and every
// particle's parent latents z_{t-1}^{A(i)} (already resolved through the ancestors; empty at t = 0). Lane-major like
// the other batches: dimension l of particle i of chain FirstChain + q is Latent(i, l)[q].
namespace Engine.Modeling;

/// <summary>The step-t inputs of the weight increments of <see cref="Particles"/> particles on <see cref="Count"/> consecutive chains.</summary>
public readonly ref struct ParticleWeightBatch
{
    private readonly LaneColumns _observed;
    private readonly ReadOnlySpan<int> _latents;
    private readonly ReadOnlySpan<int> _parents;
    private readonly ReadOnlySpan<int> _parentStates;
    private readonly int _parentStateWordStride;
    private readonly int _latentDimStride, _parentDimStride, _slotStride;

    /// <summary>Builds a batch (coders do this; models only read it). Latents, parents and parent states share the slot stride;
    /// each has its own dimension (or word) stride; <paramref name="parents"/> and <paramref name="parentStates"/> are empty at t = 0.</summary>
    public ParticleWeightBatch(int step, int firstChain, int count, int particles, LaneColumns observed,
        ReadOnlySpan<int> latents, int latentDimStride, ReadOnlySpan<int> parents, int parentDimStride, int slotStride,
        ReadOnlySpan<int> parentStates = default, int parentStateWordStride = 0)
    {
        _parentStates = parentStates;
        _parentStateWordStride = parentStateWordStride;
        Step = step;
        FirstChain = firstChain;
        Count = count;
        Particles = particles;
        _observed = observed;
        _latents = latents;
        _parents = parents;
        _latentDimStride = latentDimStride;
        _parentDimStride = parentDimStride;
        _slotStride = slotStride;
    }

    /// <summary>Step t.</summary>
    public int Step { get; }

    /// <summary>Chain of entry 0; entry q is chain FirstChain + q.</summary>
    public int FirstChain { get; }

    /// <summary>Number of chains.</summary>
    public int Count { get; }

    /// <summary>Particles per chain (slots 0 .. Particles - 1).</summary>
    public int Particles { get; }

    /// <summary>Whether parent latents are given (t &gt; 0).</summary>
    public bool HasParents => !_parents.IsEmpty;

    /// <summary>x_t at symbol position <paramref name="w"/> of every chain.</summary>
    public ReadOnlySpan<int> Observed(int w) => _observed.Column(w, Count);

    /// <summary>z_{t,l} of particle <paramref name="slot"/> on every chain.</summary>
    public ReadOnlySpan<int> Latent(int slot, int l) => _latents.Slice(slot * _slotStride + l * _latentDimStride, Count);

    /// <summary>Word <paramref name="k"/> of particle <paramref name="slot"/>'s parent state s_{t-1} on every chain (empty at t = 0 or
    /// without state).</summary>
    public ReadOnlySpan<int> ParentState(int slot, int k) =>
        _parentStates.IsEmpty ? default : _parentStates.Slice(slot * _slotStride + k * _parentStateWordStride, Count);

    /// <summary>z_{t-1,l} of particle <paramref name="slot"/>'s parent on every chain (empty at t = 0).</summary>
    public ReadOnlySpan<int> Parent(int slot, int l) => _parents.IsEmpty ? default : _parents.Slice(slot * _slotStride + l * _parentDimStride, Count);
}

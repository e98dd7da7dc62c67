// StateBatch: one step's input to a model's per-particle state update (IModelSession.AdvanceState): x_t, every
// particle's z_t and its parent's state s_{t-1} (resolved through the resampled ancestors; none at t = 0), and where
// to write s_t. Lane-major like the other batches: word k of particle i of chain FirstChain + q is at
// NewState(i, k)[q]. The coders call it for every particle of a step, and for the special lineage alone when
// decoding (one particle, slot 0), in the same batch shape whoever asks, so a network sees the same inputs.
namespace Engine.Modeling;

/// <summary>Inputs and outputs of one step's state update for <see cref="Particles"/> particles on <see cref="Count"/> chains.</summary>
public readonly ref struct StateBatch
{
    private readonly LaneColumns _observed;
    private readonly ReadOnlySpan<int> _latents, _parentStates;
    private readonly Span<int> _states;
    private readonly int _slotStride, _latentDimStride, _parentWordStride, _stateWordStride, _stateSlotStride;

    /// <summary>Builds a batch (coders do this; models read the inputs and write <see cref="NewState"/>).</summary>
    public StateBatch(int step, int firstChain, int count, int particles, LaneColumns observed,
        ReadOnlySpan<int> latents, int slotStride, int latentDimStride,
        ReadOnlySpan<int> parentStates, int parentWordStride,
        Span<int> states, int stateSlotStride, int stateWordStride)
    {
        Step = step;
        FirstChain = firstChain;
        Count = count;
        Particles = particles;
        _observed = observed;
        _latents = latents;
        _slotStride = slotStride;
        _latentDimStride = latentDimStride;
        _parentStates = parentStates;
        _parentWordStride = parentWordStride;
        _states = states;
        _stateSlotStride = stateSlotStride;
        _stateWordStride = stateWordStride;
    }

    /// <summary>Step t.</summary>
    public int Step { get; }

    /// <summary>Chain of entry 0; entry q is chain FirstChain + q.</summary>
    public int FirstChain { get; }

    /// <summary>Number of chains.</summary>
    public int Count { get; }

    /// <summary>Particles per chain in this batch.</summary>
    public int Particles { get; }

    /// <summary>Whether parent states are given (t &gt; 0).</summary>
    public bool HasParents => !_parentStates.IsEmpty;

    /// <summary>x_t at symbol position <paramref name="w"/> of every chain.</summary>
    public ReadOnlySpan<int> Observed(int w) => _observed.Column(w, Count);

    /// <summary>z_{t,l} of particle <paramref name="slot"/> on every chain.</summary>
    public ReadOnlySpan<int> Latent(int slot, int l) => _latents.Slice(slot * _slotStride + l * _latentDimStride, Count);

    /// <summary>Word <paramref name="k"/> of particle <paramref name="slot"/>'s parent state s_{t-1} on every chain (empty at t = 0).</summary>
    public ReadOnlySpan<int> ParentState(int slot, int k) =>
        _parentStates.IsEmpty ? default : _parentStates.Slice(slot * _slotStride + k * _parentWordStride, Count);

    /// <summary>Where word <paramref name="k"/> of particle <paramref name="slot"/>'s new state s_t goes, for every chain.</summary>
    public Span<int> NewState(int slot, int k) => _states.Slice(slot * _stateSlotStride + k * _stateWordStride, Count);
}

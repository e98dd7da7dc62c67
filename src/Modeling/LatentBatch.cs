// LatentBatch: the step-t latents of every particle of a contiguous range of chains, handed to
// IModelSession.PrepareLikelihood before the coders ask likelihood queries about them, so a model whose
// likelihood comes from a network can evaluate all chains × particles in one pass. Likelihood queries then
// name the particle they are about (LatentQuery.Slots) and the session only picks rows. Lane-major:
// dimension l of particle i of chain FirstChain + q is span[i * SlotStride + l * DimStride + q].
namespace Engine.Modeling;

/// <summary>The latents z_t of <see cref="Particles"/> particles on each of <see cref="Count"/> consecutive chains.</summary>
public readonly ref struct LatentBatch
{
    private readonly ReadOnlySpan<int> _latents;

    /// <summary>Builds a batch (coders do this; models only read it).</summary>
    public LatentBatch(int step, int firstChain, int count, int particles, int dims, int slotStride, int dimStride, ReadOnlySpan<int> latents)
    {
        Step = step;
        FirstChain = firstChain;
        Count = count;
        Particles = particles;
        Dims = dims;
        SlotStride = slotStride;
        DimStride = dimStride;
        _latents = latents;
    }

    /// <summary>Step t.</summary>
    public int Step { get; }

    /// <summary>Chain of entry 0; entry q is chain FirstChain + q.</summary>
    public int FirstChain { get; }

    /// <summary>Number of chains.</summary>
    public int Count { get; }

    /// <summary>Particles per chain in this batch (slots 0 .. Particles - 1).</summary>
    public int Particles { get; }

    /// <summary>Latent dimensions per particle.</summary>
    public int Dims { get; }

    /// <summary>Distance between the same chain's values of consecutive particles.</summary>
    public int SlotStride { get; }

    /// <summary>Distance between the same chain's values of consecutive dimensions.</summary>
    public int DimStride { get; }

    /// <summary>Dimension <paramref name="l"/> of particle <paramref name="slot"/> on every chain of the batch.</summary>
    public ReadOnlySpan<int> Latent(int slot, int l) => _latents.Slice(slot * SlotStride + l * DimStride, Count);
}

// CifCheckpointTarget: the CIF checkpoint reader (`mcbits … --model cif.ckpt`), as CheckpointTarget is for the VAE's: the
// cheap header and length checks first, then an input that passes them is loaded into libtorch (state dict, strict),
// fingerprinted and wrapped as the coders' model. Expected refusal: CheckpointFormatException.
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Fuzz;

/// <summary>Fuzz target for <see cref="CifCheckpoint"/>.</summary>
public sealed class CifCheckpointTarget : FuzzTarget
{
    /// <summary>Loads libtorch (once per process).</summary>
    public CifCheckpointTarget()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
    }

    /// <inheritdoc />
    public override string Name => "cif-checkpoint";

    /// <inheritdoc />
    public override long MaxAllocatedBytes => 64L << 20;

    /// <inheritdoc />
    protected override void Read(byte[] input)
    {
        (CifNetwork network, CifCheckpointHeader header) = CifCheckpoint.Load(new MemoryStream(input, writable: false), "input");
        using var model = new CifFlowModel(network, header);
        if (model.Shape.Dims != header.Shape.Dims || model.Shape.Layers != header.Shape.Layers)
            throw new FuzzFindingException($"cif-checkpoint: the model is {model.Shape.Dims} x {model.Shape.Layers}, the header says {header.Shape}.");
    }

    /// <inheritdoc />
    protected override bool IsTypedError(Exception e) => e is CheckpointFormatException;
}

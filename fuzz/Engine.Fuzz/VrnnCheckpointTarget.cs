// VrnnCheckpointTarget: the VRNN checkpoint reader (`mcbits … --model vrnn.ckpt`), as CifCheckpointTarget is for the CIF's: the
// cheap header and length checks first, then an input that passes them is loaded into libtorch (state dict, strict),
// fingerprinted and wrapped as the coders' model. Expected refusal: CheckpointFormatException.
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using TorchSharp;

namespace Engine.Fuzz;

/// <summary>Fuzz target for <see cref="VrnnCheckpoint"/>.</summary>
public sealed class VrnnCheckpointTarget : FuzzTarget
{
    /// <summary>Loads libtorch (once per process).</summary>
    public VrnnCheckpointTarget()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
    }

    /// <inheritdoc />
    public override string Name => "vrnn-checkpoint";

    /// <inheritdoc />
    public override long MaxAllocatedBytes => 64L << 20;

    /// <inheritdoc />
    protected override void Read(byte[] input)
    {
        (VrnnNetwork network, VrnnCheckpointHeader header) = VrnnCheckpoint.Load(new MemoryStream(input, writable: false), "input");
        using var model = new VrnnModel(network, header.Fingerprint);
        if (model.Shape != header.Shape)
            throw new FuzzFindingException($"vrnn-checkpoint: the model is {model.Shape}, the header says {header.Shape}.");
    }

    /// <inheritdoc />
    protected override bool IsTypedError(Exception e) => e is CheckpointFormatException;
}

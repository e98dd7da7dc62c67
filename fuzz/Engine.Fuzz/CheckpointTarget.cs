// CheckpointTarget: the VAE checkpoint reader (`mcbits … --model x.ckpt`). The cheap header and length checks
// run first, as in the CLI; an input that passes them is loaded into libtorch (state dict, strict) and its
// parameters fingerprinted, so a corrupt state dict reaches TorchSharp's loader too. Expected refusal:
// CheckpointFormatException. Native libtorch is loaded once, on one thread, as the CLI does.
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Fuzz;

/// <summary>Fuzz target for <see cref="VaeCheckpoint"/>.</summary>
public sealed class CheckpointTarget : FuzzTarget
{
    /// <summary>Loads libtorch (once per process).</summary>
    public CheckpointTarget()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
    }

    /// <inheritdoc />
    public override string Name => "checkpoint";

    /// <inheritdoc />
    public override long MaxAllocatedBytes => 64L << 20;

    /// <inheritdoc />
    protected override void Read(byte[] input)
    {
        VaeCheckpoint.Check(new MemoryStream(input, writable: false), "input");
        (BinaryVae vae, VaeCheckpointHeader header) = VaeCheckpoint.Load(new MemoryStream(input, writable: false), "input");
        using var model = new VaeModel(vae, header);
        if (model.Pixels != header.Shape.Pixels || model.Latents != header.Shape.Latents)
            throw new FuzzFindingException($"checkpoint: the network is {model.Pixels}-{model.Latents}, the header says {header.Shape}.");
    }

    /// <inheritdoc />
    protected override bool IsTypedError(Exception e) => e is CheckpointFormatException;
}

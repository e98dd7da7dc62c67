// VaeModelFile: how the CLI recognises and opens a VAE checkpoint given to --model. A value ending in
// ".ckpt" is a checkpoint (the extension alone decides, so a mistyped toy model name is never taken for a
// file). libtorch is pinned to one thread before any network runs, so the numerical backend a message
// records ("…/threads=1", VaeModel.Backend) is the same on every machine that decodes it. The checkpoint's
// header and tensor sizes are checked (VaeCheckpoint.Check) before libtorch is even loaded.
using Engine.Ans.Messages;
using Engine.Cli.Infrastructure;
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Cli.Vae;

/// <summary>Recognises and loads VAE checkpoints named on the command line.</summary>
internal static class VaeModelFile
{
    /// <summary>Loads the checkpoint with libtorch on one thread.</summary>
    /// <exception cref="CliException">The file is missing or not a valid checkpoint.</exception>
    public static VaeModel Load(string path)
    {
        if (!File.Exists(path)) throw new CliException($"VAE checkpoint not found: {UntrustedText.Excerpt(path)} (train one with `mcbits train vae --out {UntrustedText.Excerpt(path)}`)", ExitCodes.Failed);
        try
        {
            VaeCheckpoint.Check(path); // header bounds and tensor bytes, before libtorch is loaded
            TorchRuntime.EnsureLoaded();
            torch.set_num_threads(1);
            return VaeModel.Load(path);
        }
        catch (CheckpointFormatException e)
        {
            throw new CliException($"{UntrustedText.Excerpt(path)} is not a usable VAE checkpoint: {e.Message}", ExitCodes.Failed);
        }
    }
}

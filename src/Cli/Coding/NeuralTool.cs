// NeuralTool: how the two builds of the command line share one source. src/Cli builds `mcbits-neural` (the
// NEURAL symbol: VAE checkpoints, VAE messages, `train vae`, the fashion-vae sweep, with TorchSharp);
// src/Cli.Lite compiles the same files without src/Cli/Vae and without NEURAL into the small `mcbits` tool,
// where every neural request ends in one error line naming the neural tool. What both builds must recognise
// without TorchSharp lives here: a checkpoint by its extension, a VAE message by its model description.
using Engine.Ans.Messages;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Coding;

/// <summary>Recognises neural requests without loading anything neural, and refuses them in the small tool.</summary>
internal static class NeuralTool
{
    /// <summary>The NuGet package of the neural tool.</summary>
    public const string PackageId = "McBits.Cli.Neural";

    /// <summary>Its command.</summary>
    public const string Command = "mcbits-neural";

    /// <summary>The file extension of VAE checkpoints (the extension alone decides, so a mistyped toy model name is never
    /// taken for a file).</summary>
    public const string CheckpointExtension = ".ckpt";

    /// <summary>How a VAE message's model description starts (VaeLatentModel.DescriptionPrefix; a test keeps them equal).</summary>
    public const string VaeDescriptionPrefix = "vae ";

    /// <summary>How a CIF message's model description starts (CifFlowModel.DescriptionPrefix).</summary>
    public const string CifDescriptionPrefix = "cif ";

    /// <summary>What every VRNN message's model description starts with (VrnnLatentModel.DescriptionPrefix, which the small tool cannot reference).</summary>
    public const string VrnnDescriptionPrefix = "vrnn ";

    /// <summary>The sweep preset that runs the CIF table.</summary>
    public const string CifSweepPreset = "fashion-cif";

    /// <summary>The sweep preset that trains and codes a CIF on a 2-D toy density.</summary>
    public const string Toy2dCifSweepPreset = "toy2d-cif";

    /// <summary>The sweep preset that runs the VAE table.</summary>
    public const string VaeSweepPreset = "fashion-vae";

    /// <summary>The sweep preset that runs the VRNN table.</summary>
    public const string VrnnSweepPreset = "fashion-vrnn";

    /// <summary>True when this build runs neural models.</summary>
#if NEURAL
    public const bool Available = true;
#else
    public const bool Available = false;
#endif

    /// <summary>True when <paramref name="value"/> names a checkpoint rather than a toy model.</summary>
    public static bool IsCheckpoint(string? value) =>
        value is not null && value.EndsWith(CheckpointExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="message"/> was written with a VAE.</summary>
    public static bool IsVaeMessage(McbMessage message) => message.Model.StartsWith(VaeDescriptionPrefix, StringComparison.Ordinal);

    /// <summary>The error the small tool gives for <paramref name="what"/> (usage error, exit 1).</summary>
    public static CliException Needed(string what) =>
        new($"{what} needs the neural tool: install it with `dotnet tool install -g {PackageId}` and run the same command as `{Command} …`", ExitCodes.Usage);
}

// `mcbits train vae` in the small tool (built without NEURAL): the command exists, so `--help` lists it and a
// user who types it learns which tool trains the VAE, in one error line (exit 1) whatever options follow.
#if !NEURAL
using System.CommandLine;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>train</c> command of the small tool, which points at the neural tool.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", $"Train a model and write a checkpoint (the VAE: {NeuralTool.Command}).");
        var vae = new Command("vae", $"Train the binary VAE: needs {NeuralTool.Command} ({NeuralTool.PackageId}).") { TreatUnmatchedTokensAsErrors = false };
        vae.SetAction(parse => CommandGuard.Run(parse, _ => throw NeuralTool.Needed("Training the VAE")));
        train.Subcommands.Add(vae);
        return train;
    }
}
#endif

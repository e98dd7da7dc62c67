// The list of mcbits subcommands; a new command adds one line here.
using System.CommandLine;

namespace Engine.Cli;

internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.TrainCommand.Create();
        yield return Commands.SampleCommand.Create();
        yield return Commands.CompressCommand.Create();
        yield return Commands.DecompressCommand.Create();
        yield return Commands.SweepCommand.Create();
        yield return Commands.ProfileCommand.Create();
        yield break;
    }
}

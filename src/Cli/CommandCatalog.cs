// The list of mcbits subcommands; a new command adds one line here.
using System.CommandLine;

namespace Engine.Cli;

internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.TrainCommand.Create();
        yield break;
    }
}

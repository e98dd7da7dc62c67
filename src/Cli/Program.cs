// mcbits: the command-line front end. Each command lives in its own file under Commands/.
using System.CommandLine;

namespace Engine.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("mcbits — lossless compression by Monte Carlo bits-back coding on an ECS core.");
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return root.Parse(args).Invoke();
    }
}

// mcbits: the command-line front end. Each command lives in its own file under Commands/; BuildRoot makes
// the whole command tree so tests can parse and invoke it in-process with their own output writers.
using System.CommandLine;

namespace Engine.Cli;

internal static class Program
{
    private static int Main(string[] args) => Run(args);

    /// <summary>The root command with every subcommand of <see cref="CommandCatalog"/>.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("mcbits — lossless compression by Monte Carlo bits-back coding on an ECS core.");
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; output and errors go to the given writers (default: the console), and
    /// a file named "-" is <paramref name="stdin"/> / <paramref name="stdout"/> (default: the process's standard streams).</summary>
    internal static int Run(string[] args, TextWriter? output = null, TextWriter? error = null, Stream? stdin = null, Stream? stdout = null)
    {
        var config = new InvocationConfiguration();
        if (output is not null) config.Output = output;
        if (error is not null) config.Error = error;
        using IDisposable streams = Infrastructure.StandardStreams.Use(stdin, stdout);
        return BuildRoot().Parse(args).Invoke(config);
    }
}

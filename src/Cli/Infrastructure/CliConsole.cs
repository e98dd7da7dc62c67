// CliConsole: where one command invocation writes. Plain result lines go to Out and the one error line to
// Error (both the InvocationConfiguration's writers, so tests can capture them); tables and progress go
// through a Spectre IAnsiConsole bound to the same Out writer. Progress bars are live only when Out is the
// real console and it is an interactive terminal; otherwise commands print one plain line per step.
using System.CommandLine;
using Spectre.Console;

namespace Engine.Cli.Infrastructure;

/// <summary>The output side of one command invocation.</summary>
internal sealed class CliConsole
{
    // Wide enough for the profile and sweep tables: Spectre assumes 80 columns when output is redirected
    // and would wrap every row.
    private const int RedirectedWidth = 160;

    private CliConsole(TextWriter output, TextWriter error, IAnsiConsole ansi, bool interactive)
    {
        Out = output;
        Error = error;
        Ansi = ansi;
        Interactive = interactive;
    }

    /// <summary>Plain result lines.</summary>
    public TextWriter Out { get; }

    /// <summary>Error lines.</summary>
    public TextWriter Error { get; }

    /// <summary>Spectre console for tables and progress, writing to <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>True when live progress bars can be drawn.</summary>
    public bool Interactive { get; }

    /// <summary>The console of the invocation <paramref name="parse"/> belongs to.</summary>
    public static CliConsole From(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        InvocationConfiguration config = parse.InvocationConfiguration;
        TextWriter output = config.Output;
        TextWriter error = config.Error;
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        if (terminal)
            return new CliConsole(output, error, AnsiConsole.Console, AnsiConsole.Console.Profile.Capabilities.Interactive);
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        ansi.Profile.Width = RedirectedWidth;
        return new CliConsole(output, error, ansi, interactive: false);
    }

    /// <summary>Writes one line to <see cref="Out"/> (plain text, never wrapped).</summary>
    public void Line(string text) => Out.WriteLine(text);
}

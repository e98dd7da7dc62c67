// ReportOptions: --quiet and --json, shared by compress and decompress. A command hands its human report lines
// and one machine-readable summary to the CommandReport it makes here: by default the lines are printed and the
// summary is not; --quiet prints neither; --json prints only the summary, one JSON object on one line. Reports go
// to standard output, or to standard error when the command writes its data to standard output ("-"). Errors are
// one "mcbits: error:" line on standard error whatever these options say; progress lines of a long run
// (standard error) are off with either.
using System.CommandLine;
using System.Text.Json;

namespace Engine.Cli.Infrastructure;

/// <summary>The --quiet and --json options of a command.</summary>
internal sealed class ReportOptions
{
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing but errors." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print only a one-line JSON summary (fields as in README)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    /// <summary>The report of one invocation; <paramref name="dataOnStdout"/> moves it to standard error.</summary>
    /// <exception cref="CliException">Both --quiet and --json (usage).</exception>
    public CommandReport Open(ParseResult parse, CliConsole console, bool dataOnStdout)
    {
        bool quiet = parse.GetValue(Quiet), json = parse.GetValue(Json);
        if (quiet && json) throw new CliException("--quiet and --json exclude each other", ExitCodes.Usage);
        return new CommandReport(dataOnStdout ? console.Error : console.Out, console.Error, quiet, json);
    }
}

/// <summary>Where a command's report goes, as --quiet and --json decide.</summary>
internal sealed class CommandReport(TextWriter writer, TextWriter error, bool quiet, bool json)
{
    /// <summary>Progress lines on standard error for a long run (<see cref="StderrProgress"/>); null with --quiet or --json.</summary>
    public IProgress<double>? Progress(string what) => quiet || json ? null : new StderrProgress(error, what);

    /// <summary>A human report line (printed unless --quiet or --json).</summary>
    public void Line(string text)
    {
        if (!quiet && !json) writer.WriteLine(text);
    }

    /// <summary>The machine-readable summary (printed with --json only).</summary>
    public void Summary(IReadOnlyDictionary<string, object?> fields)
    {
        if (json) writer.WriteLine(JsonSerializer.Serialize(fields));
    }
}

// StandardStreams: "-" as a file name means standard input for the file a command reads and standard output for
// the file it writes, so mcbits composes in pipes (`mcbits compress - -m toy-hmm < data | mcbits decompress - -o x`).
// The readers and writers of the commands (InputLimits.ReadBounded, AtomicFile, the message reader) ask here; a
// command writing data to standard output sends its report lines to standard error instead. Program.Run can put
// other streams in place for one invocation (in-process tests).
namespace Engine.Cli.Infrastructure;

internal static class StandardStreams
{
    /// <summary>The file name that means standard input or output.</summary>
    public const string Dash = "-";

    private static readonly AsyncLocal<(Stream? In, Stream? Out)> Override = new();

    /// <summary>Whether <paramref name="path"/> names standard input or output.</summary>
    public static bool IsDash(string? path) => path == Dash;

    /// <summary>Standard input (or the invocation's replacement); the caller must not dispose a replacement.</summary>
    public static Stream OpenInput() => Override.Value.In ?? Console.OpenStandardInput();

    /// <summary>Runs <paramref name="write"/> on standard output (or the invocation's replacement) and flushes it.</summary>
    public static void Write(Action<Stream> write)
    {
        Stream output = Override.Value.Out ?? Console.OpenStandardOutput();
        write(output);
        output.Flush();
    }

    /// <summary>Uses <paramref name="input"/> / <paramref name="output"/> for "-" until the returned scope is disposed.</summary>
    public static IDisposable Use(Stream? input, Stream? output)
    {
        (Stream? In, Stream? Out) previous = Override.Value;
        Override.Value = (input, output);
        return new Scope(previous);
    }

    private sealed class Scope((Stream? In, Stream? Out) previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}

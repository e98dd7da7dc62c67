// SweepOptionReader: how the neural sweep presets (fashion-vae, fashion-cif) read the sweep command's shared options — by name,
// telling a value the user gave from a default — and parse a positive count, in one place.
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Vae;

internal static class SweepOptionReader
{
    /// <summary>The sweep command's option called <paramref name="name"/>, if it has one of that type.</summary>
    public static Option<T>? Find<T>(ParseResult parse, string name) =>
        parse.CommandResult.Command.Options.OfType<Option<T>>().FirstOrDefault(o => o.Name == name);

    /// <summary>The value of the option <paramref name="name"/> when the user gave it (not its default).</summary>
    public static T? Given<T>(ParseResult parse, string name) where T : class =>
        Find<T>(parse, name) is { } o && parse.GetResult(o) is { Implicit: false } ? parse.GetValue(o) : null;

    /// <summary>One positive integer, or a usage error naming <paramref name="option"/>.</summary>
    public static int Positive(string text, string option) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new CliException($"{option}: '{text}' is not one positive integer", ExitCodes.Usage);
}

// ModelEntry: one toy model the command line can name — its name, what one coding unit is called, how to
// build it from a seed — and the input check (for any discrete model, toy or JSON) that turns a bad data
// file into one clear sentence (a byte outside the alphabet, a length that is not a whole number of units).
using System.Globalization;
using Engine.Cli.Infrastructure;
using Engine.Modeling.Discrete;
using Engine.Models.Toy;

namespace Engine.Cli.Coding;

/// <summary>A named model factory.</summary>
/// <param name="Name">Command-line name ("toy-mixture").</param>
/// <param name="UnitName">What one coding unit is ("symbol", "sequence").</param>
/// <param name="Factory">Builds the model from its seed.</param>
internal sealed record ModelEntry(string Name, string UnitName, Func<ulong, ToyModel> Factory)
{
    /// <summary>Builds the model with table seed <paramref name="seed"/>.</summary>
    public ToyModel Create(ulong seed) => Factory(seed);

    /// <summary>Throws a <see cref="CliException"/> unless <paramref name="data"/> is a valid input for <paramref name="model"/>.</summary>
    /// <param name="data">The symbols, one per byte.</param>
    /// <param name="model">The model (a toy model or one from a JSON model file).</param>
    /// <param name="name">What to call the model in the error.</param>
    /// <param name="source">The file name to cite in the error.</param>
    public static void CheckInput(ReadOnlySpan<byte> data, DiscreteModel model, string name, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] >= model.SymbolCount)
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: byte {data[i]} at offset {i} is not a {name} symbol (every byte must be below {model.SymbolCount})"));
        }
        if (data.Length % model.SequenceLength != 0)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: {data.Length} bytes is not a whole number of {name} sequences (the length must be a multiple of T = {model.SequenceLength})"));
    }
}

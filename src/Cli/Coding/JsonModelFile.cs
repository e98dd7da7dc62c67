// JsonModelFile: how the CLI recognises and opens a user's discrete model given to --model. A value ending
// in ".json" is a JSON model file (the extension alone decides, as for VAE checkpoints, so a mistyped toy
// model name is never taken for a file and a file is never taken for a toy model). Loading goes through
// Engine.Modeling's DiscreteModelFile; a bad file becomes one CliException "<file>: <field>: <what>"
// (exit 2) before any output is opened.
using Engine.Cli.Infrastructure;
using Engine.Modeling.Discrete;

namespace Engine.Cli.Coding;

/// <summary>Recognises and loads JSON model files named on the command line.</summary>
internal static class JsonModelFile
{
    /// <summary>The file extension of JSON model files.</summary>
    public const string Extension = ".json";

    /// <summary>True when <paramref name="value"/> names a JSON model file rather than a toy model or a checkpoint.</summary>
    public static bool IsJsonModel(string? value) =>
        value is not null && value.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads and checks the model file.</summary>
    /// <exception cref="CliException">The file is missing, unreadable or not a valid model (exit code 2).</exception>
    public static DiscreteModel Load(string path)
    {
        try
        {
            return DiscreteModelFile.Read(path);
        }
        catch (ModelFileException e)
        {
            throw new CliException(e.Message, ExitCodes.Failed);
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"model file not found: {path}", ExitCodes.Failed);
        }
    }

    /// <summary>What the reports call the model: the file's name.</summary>
    public static string NameOf(string path) => Path.GetFileName(path);

    /// <summary>What one coding unit of <paramref name="model"/> is called.</summary>
    public static string UnitName(DiscreteModel model) => model.SequenceLength > 1 ? "sequence" : "symbol";
}

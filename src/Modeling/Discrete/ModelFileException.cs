// ModelFileException: the one error a bad JSON model file produces (DiscreteModelFile). It names the field
// by its JSON path ("emission[3]", "proposal", "$" for the file as a whole), says what is wrong in one
// sentence and, where the reader knows it, the line; so a command line can print
// "<file>: <field>: <what>" and a library user can test Field without parsing text.
namespace Engine.Modeling.Discrete;

/// <summary>A JSON model file that cannot be read into a <see cref="DiscreteModel"/>: invalid JSON, a missing, unknown,
/// duplicate or mistyped field, a row of the wrong length, a negative, non-finite or all-zero row, or a size over a limit.</summary>
public sealed class ModelFileException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">JSON path of the offending field ("emission[3]"; "$" for the whole file).</param>
    /// <param name="reason">What is wrong, one sentence without a trailing period.</param>
    /// <param name="line">1-based line of the offending token, when known.</param>
    /// <param name="file">The file read, when known.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public ModelFileException(string field, string reason, int? line = null, string? file = null, Exception? inner = null)
        : base(Compose(field, reason, line, file), inner)
    {
        Field = field;
        Reason = reason;
        Line = line;
        FilePath = file;
    }

    /// <summary>JSON path of the offending field: "kind", "emission[3]", "transition[0][2]", or "$" for the whole file.</summary>
    public string Field { get; }

    /// <summary>What is wrong with <see cref="Field"/>.</summary>
    public string Reason { get; }

    /// <summary>1-based line of the offending token, when the reader knows it.</summary>
    public int? Line { get; }

    /// <summary>The file that was read (null for <see cref="DiscreteModelFile.Parse(ReadOnlySpan{byte})"/>).</summary>
    public string? FilePath { get; }

    /// <summary>The same error, naming <paramref name="file"/>.</summary>
    internal ModelFileException WithFile(string file) => new(Field, Reason, Line, file, InnerException);

    private static string Compose(string field, string reason, int? line, string? file)
    {
        string where = line is { } l ? $" (line {l})" : "";
        return file is null ? $"{field}: {reason}{where}" : $"{file}: {field}: {reason}{where}";
    }
}

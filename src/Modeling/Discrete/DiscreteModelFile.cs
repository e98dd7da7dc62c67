// DiscreteModelFile: a user's discrete model as a JSON file, so a mixture or an HMM can be coded from the
// command line (`mcbits compress --model my-model.json`) without writing a class. The file holds numbers
// (counts or probabilities, each row normalised); this reader checks every field, quantises the tables
// with the library's one canonical quantiser (QuantizedRows.FromWeights: every frequency >= 1) and
// returns a DiscreteModel, whose fingerprint hashes the quantised tables, not the file's bytes, so the
// same numbers written differently name the same model. Schema (docs in README, "Your own discrete model"):
//   kind             "hmm" | "mixture"                                    required
//   sequence_length  integer T, 1..4096                                  hmm: required; mixture: absent or 1
//   prior            K non-negative numbers (K <= 4096)                   required
//   transition       K rows of K                                          hmm: required; mixture: forbidden
//   emission         K rows of V (V <= 256, one byte per symbol)          required
//   proposal         V rows of K (q(z_t | x_t)), or "uniform" | "bootstrap" | "locally-optimal"   required
//   precision        proposal precision r, 1..24 with 2^r >= K            optional, default 12
//   name             1..64 printable characters, recorded in the model's description   optional
// The derived proposals are computed from the quantised 16-bit tables (integer products, exact in double),
// so they too depend only on the tables. Every bad file fails with one ModelFileException naming the field.
using System.Text;

namespace Engine.Modeling.Discrete;

/// <summary>Reads a <see cref="DiscreteModel"/> (mixture or HMM) from a JSON model file.</summary>
/// <remarks>
/// <para>Fields: <c>"kind"</c> (<c>"hmm"</c> or <c>"mixture"</c>), <c>"sequence_length"</c> (T; required for an HMM, 1 or absent for
/// a mixture), <c>"prior"</c> (K numbers), <c>"transition"</c> (K rows of K; HMM only), <c>"emission"</c> (K rows of V),
/// <c>"proposal"</c> (V rows of K giving q(z_t | x_t), or <c>"uniform"</c>, <c>"bootstrap"</c>: q = the transition row of
/// z_{t−1} and the prior at t = 0, or <c>"locally-optimal"</c>: q ∝ transition[z_{t−1}, z] · emission[z, x_t] and
/// prior[z] · emission[z, x_0] at t = 0), optional <c>"precision"</c> (r of the proposal, default 12) and <c>"name"</c>.</para>
/// <para>Numbers are non-negative and finite; each row needs a positive sum and is normalised, so counts and
/// probabilities give the same tables. Prior, transition and emission are quantised at <see cref="TablePrecision"/> bits.
/// A mixture's <c>"bootstrap"</c> proposal is the prior and its <c>"locally-optimal"</c> one the exact posterior.</para>
/// </remarks>
public static partial class DiscreteModelFile
{
    /// <summary>Largest model file read, in bytes (64 MiB).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Largest observed alphabet V (one byte per symbol).</summary>
    public const int MaxSymbols = 256;

    /// <summary>Largest number of latent states K.</summary>
    public const int MaxLatents = DiscreteModel.MaxLatents;

    /// <summary>Precision of the prior, transition and emission rows (each sums to 2^16), as in the toy models.</summary>
    public const int TablePrecision = 16;

    /// <summary>Proposal precision r when the file gives none.</summary>
    public const int DefaultProposalPrecision = 12;

    /// <summary>Largest proposal precision r.</summary>
    public const int MaxProposalPrecision = 24;

    /// <summary>Longest <c>"name"</c>.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Prefix of the description of every model read from a file ("json-hmm:…", "json-mixture:…").</summary>
    public const string DescriptionPrefix = "json-";

    /// <summary>Reads and checks the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFileException">The file is empty, larger than <see cref="MaxFileBytes"/>, not valid JSON, or breaks the schema
    /// (the exception names the field and the file).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DiscreteModel Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"Model file not found: {path}", path);
        if (info.Length > MaxFileBytes) throw TooLarge(info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), path);
        byte[] buffer = new byte[(int)info.Length + 1]; // one spare byte notices a file that grew since the length was read
        int n = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            while (true)
            {
                if (n == buffer.Length)
                {
                    if (n > MaxFileBytes) throw TooLarge("more than " + MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), path);
                    Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, MaxFileBytes + 1));
                }
                int got = stream.Read(buffer, n, buffer.Length - n);
                if (got == 0) break;
                n += got;
            }
        }
        try
        {
            return Parse(buffer.AsSpan(0, n));
        }
        catch (ModelFileException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Reads a model from JSON text.</summary>
    /// <exception cref="ModelFileException">The text is not a valid model (the exception names the field).</exception>
    public static DiscreteModel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a model from UTF-8 JSON (a leading byte-order mark is skipped).</summary>
    /// <exception cref="ModelFileException">The bytes are not a valid model (the exception names the field).</exception>
    public static DiscreteModel Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxFileBytes) throw TooLarge(utf8.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        if (utf8.Trim(" \t\r\n"u8).IsEmpty) throw new ModelFileException("$", "the file is empty; a model file holds one JSON object");
        var parser = new Parser(utf8);
        ModelDocument doc = parser.ReadDocument();
        return Build(doc);
    }

    /// <summary>True when a model's description says it was read from a model file (see <see cref="DescriptionPrefix"/>).</summary>
    public static bool IsFileModelDescription(string? description) =>
        description is not null && description.StartsWith(DescriptionPrefix, StringComparison.Ordinal);

    private static ModelFileException TooLarge(string bytes, string? file) =>
        new("$", $"the file is {bytes} bytes, over the {MaxFileBytes >> 20} MiB limit of a model file", file: file);
}

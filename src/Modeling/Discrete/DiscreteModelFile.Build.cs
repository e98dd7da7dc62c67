// DiscreteModelFile.Build: from the fields a model file holds to a DiscreteModel. Checks what needs the
// whole file (required fields per kind, K from the prior and V from emission[0], every row's length, rows
// with no positive weight, the precision, the proposal table's size), then quantises: prior, transition and
// emission at 16 bits with QuantizedRows.FromWeights, the proposal at r bits — given rows directly, the
// derived ones ("uniform", "bootstrap", "locally-optimal") row by row from the quantised frequencies, so
// the proposal is a function of the quantised tables and never of how the file wrote its numbers.
using System.Globalization;

namespace Engine.Modeling.Discrete;

public static partial class DiscreteModelFile
{
    internal const string Uniform = "uniform";
    internal const string Bootstrap = "bootstrap";
    internal const string LocallyOptimal = "locally-optimal";

    private delegate void RowWeights(int row, Span<double> weights);

    private static DiscreteModel Build(ModelDocument d)
    {
        var inv = CultureInfo.InvariantCulture;
        if (d.Kind is null) throw Missing(KindKey, "\"hmm\" or \"mixture\"");
        bool hmm = d.Kind switch
        {
            "hmm" => true,
            "mixture" => false,
            _ => throw new ModelFileException(KindKey, $"\"{Printable(d.Kind)}\" is not a kind: expected \"hmm\" or \"mixture\"", d.KindLine),
        };

        if (d.Prior is null) throw Missing(PriorKey, "K non-negative numbers, one per latent state");
        int k = d.Prior.Values.Length;
        if (k == 0) throw new ModelFileException(PriorKey, "is empty: it needs one number per latent state (K >= 1)", d.Prior.Line);
        CheckRow(PriorKey, d.Prior);
        string kText = string.Create(inv, $"K = {k} (the length of prior)");

        if (d.Emission is null) throw Missing(EmissionKey, "K rows of V numbers, p(x | z) for each latent state");
        CheckRowCount(EmissionKey, d.Emission, k, "one per latent state: " + kText);
        int v = d.Emission.Rows[0].Values.Length;
        string first = Index(EmissionKey, 0);
        if (v == 0) throw new ModelFileException(first, "is empty: a row needs one number per symbol (V >= 1)", d.Emission.Rows[0].Line);
        string vText = string.Create(inv, $"V = {v} (the length of emission[0])");
        CheckRows(EmissionKey, d.Emission, v, vText);

        string proposalText;
        if (d.ProposalRows is { } given)
        {
            CheckRowCount(ProposalKey, given, v, string.Create(inv, $"one per symbol, q(z | x): {vText}"));
            CheckRows(ProposalKey, given, k, kText);
            proposalText = "rows";
        }
        else if (d.ProposalName is { } name)
        {
            if (name is not (Uniform or Bootstrap or LocallyOptimal))
                throw new ModelFileException(ProposalKey, $"\"{Printable(name)}\" is not a proposal: expected \"{Uniform}\", \"{Bootstrap}\", \"{LocallyOptimal}\" or V rows of K numbers", d.ProposalLine);
            long entries = (long)k * v * k;
            if (hmm && name == LocallyOptimal && entries > QuantizedRows.MaxEntries)
                throw new ModelFileException(ProposalKey, string.Create(inv,
                    $"\"{LocallyOptimal}\" needs a table of K·V·K = {k}·{v}·{k} = {entries} entries, over the limit of {QuantizedRows.MaxEntries} (2^26) entries per table: use \"{Bootstrap}\" or V rows of K"), d.ProposalLine);
            proposalText = name;
        }
        else
        {
            throw Missing(ProposalKey, $"V rows of K numbers (q(z | x)), or \"{Uniform}\", \"{Bootstrap}\" or \"{LocallyOptimal}\"");
        }

        int steps = 1;
        if (hmm)
        {
            if (d.SequenceLength is null) throw Missing(SequenceLengthKey, "an HMM needs the steps T per sequence (an integer >= 1)");
            if (d.SequenceLength < 1 || d.SequenceLength > ModelShape.MaxSteps)
                throw new ModelFileException(SequenceLengthKey, string.Create(inv, $"{d.SequenceLength} is out of range: T must be in [1, {ModelShape.MaxSteps}]"), d.SequenceLengthLine);
            steps = (int)d.SequenceLength;
            if (d.Transition is null) throw Missing(TransitionKey, "an HMM needs K rows of K numbers, p(z_t | z_t-1)");
            CheckRowCount(TransitionKey, d.Transition, k, "one per latent state: " + kText);
            CheckRows(TransitionKey, d.Transition, k, kText);
        }
        else
        {
            if (d.SequenceLength is { } s && s != 1)
                throw new ModelFileException(SequenceLengthKey, string.Create(inv,
                    $"is {s}, but a mixture codes one symbol per unit: write 1 or leave it out (a sequence model is \"kind\": \"hmm\")"), d.SequenceLengthLine);
            if (d.Transition is not null)
                throw new ModelFileException(TransitionKey, "a mixture has no transition: remove it, or use \"kind\": \"hmm\"", d.Transition.Line);
        }

        int r = DefaultProposalPrecision;
        if (d.Precision is { } p)
        {
            if (p < 1 || p > MaxProposalPrecision)
                throw new ModelFileException(PrecisionKey, string.Create(inv, $"{p} is out of range: the proposal precision r must be in [1, {MaxProposalPrecision}]"), d.PrecisionLine);
            r = (int)p;
            if (1L << r < k)
                throw new ModelFileException(PrecisionKey, string.Create(inv,
                    $"2^{r} = {1L << r} is less than {kText}: every latent state needs a proposal frequency >= 1"), d.PrecisionLine);
        }

        if (d.Name is { } modelName && (modelName.Length is 0 or > MaxNameLength || modelName.Any(char.IsControl)))
            throw new ModelFileException(NameKey, string.Create(inv, $"must be 1 to {MaxNameLength} characters without control characters"), d.NameLine);

        QuantizedRows prior = QuantizedRows.FromWeights(d.Prior.Values, 1, k, TablePrecision);
        QuantizedRows emission = FromRows(d.Emission, v, TablePrecision);
        QuantizedRows? transition = hmm ? FromRows(d.Transition!, k, TablePrecision) : null;
        QuantizedRows proposal;
        QuantizedRows? firstProposal = null;
        var input = ProposalInput.Observation;
        switch (proposalText)
        {
            case "rows":
                proposal = FromRows(d.ProposalRows!, k, r);
                break;
            case Uniform:
                proposal = Derive(v, k, r, (_, w) => w.Fill(1));
                break;
            case Bootstrap:
                RowWeights fromPrior = (_, w) => Copy(prior, 0, w);
                if (hmm)
                {
                    proposal = Derive(k, k, r, (row, w) => Copy(transition!, row, w));
                    firstProposal = Derive(v, k, r, fromPrior);
                    input = ProposalInput.Previous;
                }
                else
                {
                    proposal = Derive(v, k, r, fromPrior);
                }
                break;
            default: // locally optimal
                RowWeights posterior = (x, w) =>
                {
                    for (int z = 0; z < k; z++) w[z] = (double)prior.Freq[z] * emission.Freq[z * v + x];
                };
                if (hmm)
                {
                    proposal = Derive(k * v, k, r, (row, w) =>
                    {
                        int previous = row / v, x = row % v;
                        for (int z = 0; z < k; z++) w[z] = (double)transition!.Freq[previous * k + z] * emission.Freq[z * v + x];
                    });
                    firstProposal = Derive(v, k, r, posterior);
                    input = ProposalInput.PreviousAndObservation;
                }
                else
                {
                    proposal = Derive(v, k, r, posterior);
                }
                break;
        }

        string description = string.Create(inv,
            $"{DescriptionPrefix}{d.Kind}:{(d.Name is null ? "" : "name=" + d.Name + ",")}K={k},V={v},T={steps},proposal={proposalText},r={r}");
        return new DiscreteModel(d.Kind, steps, prior, transition, emission, proposal, input, firstProposal, description);
    }

    private static ModelFileException Missing(string field, string what) =>
        new(field, "required but missing: " + what);

    private static void CheckRowCount(string field, Table table, int rows, string expected)
    {
        if (table.Rows.Count != rows)
            throw new ModelFileException(field, string.Create(CultureInfo.InvariantCulture, $"has {Count(table.Rows.Count, "row")}; it needs {expected}"), table.Line);
    }

    private static void CheckRows(string field, Table table, int width, string expected)
    {
        for (int i = 0; i < table.Rows.Count; i++)
        {
            Row row = table.Rows[i];
            string name = Index(field, i);
            if (row.Values.Length != width)
                throw new ModelFileException(name, string.Create(CultureInfo.InvariantCulture, $"has {Count(row.Values.Length, "number")}; expected {expected}"), row.Line);
            CheckRow(name, row);
        }
    }

    /// <summary>A row must have a positive sum that a double can normalise (the numbers are already finite and &gt;= 0).</summary>
    private static void CheckRow(string field, Row row)
    {
        double sum = 0;
        foreach (double w in row.Values) sum += w;
        if (sum == 0) throw new ModelFileException(field, "every number is 0: a row needs at least one positive number", row.Line);
        if (!double.IsFinite(sum))
            throw new ModelFileException(field, "the numbers add up to more than a double holds: scale the row down", row.Line);
        if (!double.IsFinite(1 / sum))
            throw new ModelFileException(field, string.Create(CultureInfo.InvariantCulture, $"the numbers are too small to normalise (they sum to {sum:R}): scale the row up"), row.Line);
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static QuantizedRows FromRows(Table table, int width, int precision)
    {
        var weights = new double[table.Rows.Count * width];
        for (int i = 0; i < table.Rows.Count; i++) table.Rows[i].Values.CopyTo(weights, i * width);
        return QuantizedRows.FromWeights(weights, table.Rows.Count, width, precision);
    }

    /// <summary>A table of <paramref name="rows"/> rows of <paramref name="width"/>, each row quantised on its own with
    /// <see cref="QuantizedRows.FromWeights"/> (what it does for a whole table) so no rows × width doubles are held at once.</summary>
    private static QuantizedRows Derive(int rows, int width, int precision, RowWeights fill)
    {
        var freq = new uint[rows * width];
        var weights = new double[width];
        for (int row = 0; row < rows; row++)
        {
            fill(row, weights);
            QuantizedRows.FromWeights(weights, 1, width, precision).Freq.CopyTo(freq, row * width);
        }
        return new QuantizedRows(rows, width, precision, freq);
    }

    private static void Copy(QuantizedRows table, int row, Span<double> weights)
    {
        for (int s = 0; s < table.Width; s++) weights[s] = table.Freq[row * table.Width + s];
    }
}

// DiscreteModelFile on valid files: each proposal kind builds the table it promises (uniform, bootstrap,
// locally optimal, explicit rows; HMM and mixture), counts and probabilities give the same tables, the
// fingerprint depends on the quantised tables only (not on spacing, key order or how a number is written),
// the shipped example reads, and Read enforces the size cap before reading.
using System.Text;
using Engine.Modeling.Discrete;

namespace Engine.Modeling.Tests.Discrete;

public class DiscreteModelFileTests
{
    private static string ExamplePath => Path.Combine(AppContext.BaseDirectory, "examples", "models", "weather-hmm.json");

    [Test]
    public void TheWeatherExampleReads()
    {
        DiscreteModel m = DiscreteModelFile.Read(ExamplePath);
        Assert.That((m.LatentCount, m.SymbolCount, m.SequenceLength), Is.EqualTo((3, 4, 7)));
        Assert.That(m.ProposalInput, Is.EqualTo(ProposalInput.PreviousAndObservation));
        Assert.That(m.Identity.Description, Is.EqualTo("json-hmm:name=weather,K=3,V=4,T=7,proposal=locally-optimal,r=12"));
        Assert.That(DiscreteModelFile.IsFileModelDescription(m.Identity.Description), Is.True);
        Assert.That(m.Shape.ProposalPrecision, Is.EqualTo(12));
    }

    [Test]
    public void UniformProposalIsOneFlatRowPerSymbol()
    {
        DiscreteModel m = DiscreteModelFile.Parse(ModelJson.Hmm(("proposal", "\"uniform\"")));
        Assert.That(m.ProposalInput, Is.EqualTo(ProposalInput.Observation));
        Assert.That((m.Proposal.Rows, m.Proposal.Width, m.Proposal.Precision), Is.EqualTo((3, 2, 12)));
        Assert.That(m.Proposal.Freq, Is.All.EqualTo(2048u));
        Assert.That(m.FirstProposal, Is.SameAs(m.Proposal));
        Assert.That(m.Shape.ProposalUsesPrevious, Is.False);
    }

    [Test]
    public void BootstrapProposalIsTheTransitionAfterThePrior()
    {
        DiscreteModel m = DiscreteModelFile.Parse(ModelJson.Hmm(("precision", "10")));
        Assert.That(m.ProposalInput, Is.EqualTo(ProposalInput.Previous));
        Assert.That(m.Shape.ProposalUsesPrevious, Is.True);
        Assert.That(m.Proposal.Freq, Is.EqualTo(QuantizedRows.FromWeights([3, 1, 1, 1], 2, 2, 10).Freq));
        QuantizedRows prior = QuantizedRows.FromWeights([1, 3], 1, 2, 10);
        Assert.That((m.FirstProposal.Rows, m.FirstProposal.Precision), Is.EqualTo((3, 10)));
        Assert.That(m.FirstProposal.Freq, Is.EqualTo(prior.Freq.Concat(prior.Freq).Concat(prior.Freq).ToArray()));
        Assert.That(m.Prior.Precision, Is.EqualTo(16), "model tables stay at 16 bits");
    }

    [Test]
    public void LocallyOptimalProposalIsTransitionTimesEmission()
    {
        DiscreteModel m = DiscreteModelFile.Parse(ModelJson.Hmm(("proposal", "\"locally-optimal\"")));
        Assert.That(m.ProposalInput, Is.EqualTo(ProposalInput.PreviousAndObservation));
        Assert.That((m.Proposal.Rows, m.Proposal.Width), Is.EqualTo((2 * 3, 2)));
        for (int previous = 0; previous < 2; previous++)
        {
            for (int x = 0; x < 3; x++)
            {
                double[] w = [.. Enumerable.Range(0, 2).Select(z => (double)m.Transition!.Freq[previous * 2 + z] * m.Emission.Freq[z * 3 + x])];
                uint[] expected = QuantizedRows.FromWeights(w, 1, 2, 12).Freq;
                int row = m.ProposalRow(1, x, previous);
                Assert.That(m.Proposal.Freq.AsSpan(row * 2, 2).ToArray(), Is.EqualTo(expected), $"row z'={previous}, x={x}");
            }
        }
        for (int x = 0; x < 3; x++)
        {
            double[] w = [.. Enumerable.Range(0, 2).Select(z => (double)m.Prior.Freq[z] * m.Emission.Freq[z * 3 + x])];
            Assert.That(m.FirstProposal.Freq.AsSpan(x * 2, 2).ToArray(), Is.EqualTo(QuantizedRows.FromWeights(w, 1, 2, 12).Freq), $"first step, x={x}");
        }
    }

    [Test]
    public void ExplicitRowsAreQZGivenX()
    {
        DiscreteModel m = DiscreteModelFile.Parse(ModelJson.Hmm(("proposal", "[[9, 1], [1, 1], [1, 9]]"), ("precision", "8")));
        Assert.That(m.ProposalInput, Is.EqualTo(ProposalInput.Observation));
        Assert.That(m.Proposal.Freq, Is.EqualTo(QuantizedRows.FromWeights([9, 1, 1, 1, 1, 9], 3, 2, 8).Freq));
        Assert.That(m.Identity.Description, Does.Contain("proposal=rows,r=8"));
    }

    [Test]
    public void MixtureProposals()
    {
        DiscreteModel uniform = DiscreteModelFile.Parse(ModelJson.Mixture());
        Assert.That((uniform.SequenceLength, uniform.Transition), Is.EqualTo((1, (QuantizedRows?)null)));
        Assert.That(uniform.Proposal.Freq, Is.All.EqualTo(2048u));

        DiscreteModel bootstrap = DiscreteModelFile.Parse(ModelJson.Mixture(("proposal", "\"bootstrap\""), ("sequence_length", "1")));
        Assert.That(bootstrap.ProposalInput, Is.EqualTo(ProposalInput.Observation), "a mixture's bootstrap proposal is the prior, q(z | x) = p(z)");
        uint[] prior = QuantizedRows.FromWeights([bootstrap.Prior.Freq[0], bootstrap.Prior.Freq[1]], 1, 2, 12).Freq;
        Assert.That(bootstrap.Proposal.Freq, Is.EqualTo(prior.Concat(prior).Concat(prior).ToArray()));

        DiscreteModel posterior = DiscreteModelFile.Parse(ModelJson.Mixture(("proposal", "\"locally-optimal\"")));
        Assert.That((posterior.ProposalInput, posterior.Proposal.Rows), Is.EqualTo((ProposalInput.Observation, 3)));
        // x = 0: prior (1/4, 3/4) × emission (1/6, 1/2) → posterior ∝ (1, 9): z = 1 dominates.
        Assert.That(posterior.Proposal.Freq[1], Is.GreaterThan(posterior.Proposal.Freq[0] * 8));
        // The exact posterior makes −ELBO equal −log p(x) up to quantisation.
        foreach (byte x in new byte[] { 0, 1, 2 })
            Assert.That(posterior.NegativeElbo([x]), Is.EqualTo(posterior.NegativeLogLikelihood([x])).Within(0.01));
    }

    [Test]
    public void LocallyOptimalBeatsUniformOnTheElbo()
    {
        DiscreteModel lo = DiscreteModelFile.Read(ExamplePath);
        DiscreteModel uniform = DiscreteModelFile.Parse(File.ReadAllText(ExamplePath).Replace("\"locally-optimal\"", "\"uniform\"", StringComparison.Ordinal));
        byte[] data = lo.Sample(200, 3);
        double elboLo = 0, elboUniform = 0, nll = 0;
        for (int i = 0; i < data.Length; i += 7)
        {
            elboLo += lo.NegativeElbo(data.AsSpan(i, 7));
            elboUniform += uniform.NegativeElbo(data.AsSpan(i, 7));
            nll += lo.NegativeLogLikelihood(data.AsSpan(i, 7));
        }
        Assert.That(elboLo, Is.LessThan(elboUniform));
        Assert.That(elboLo, Is.GreaterThanOrEqualTo(nll - 1e-6));
        Assert.That(lo.Fingerprint, Is.Not.EqualTo(uniform.Fingerprint));
    }

    [Test]
    public void CountsAndProbabilitiesGiveTheSameTables()
    {
        string counts = ModelJson.Hmm(("prior", "[2, 5, 3]"), ("transition", "[[1, 1, 2], [3, 1, 0], [0, 0, 7]]"),
            ("emission", "[[10, 30], [1, 0], [2, 2]]"), ("proposal", "\"locally-optimal\""));
        string probabilities = ModelJson.Hmm(("prior", "[0.2, 0.5, 0.3]"), ("transition", "[[0.25, 0.25, 0.5], [0.75, 0.25, 0], [0, 0, 1]]"),
            ("emission", "[[0.25, 0.75], [1, 0], [0.5, 0.5]]"), ("proposal", "\"locally-optimal\""));
        DiscreteModel a = DiscreteModelFile.Parse(counts), b = DiscreteModelFile.Parse(probabilities);
        Assert.That(b.Prior.Freq, Is.EqualTo(a.Prior.Freq));
        Assert.That(b.Transition!.Freq, Is.EqualTo(a.Transition!.Freq));
        Assert.That(b.Emission.Freq, Is.EqualTo(a.Emission.Freq));
        Assert.That(b.Proposal.Freq, Is.EqualTo(a.Proposal.Freq));
        Assert.That(b.FirstProposal.Freq, Is.EqualTo(a.FirstProposal.Freq));
        Assert.That(b.Fingerprint, Is.EqualTo(a.Fingerprint));
        Assert.That(b.Identity, Is.EqualTo(a.Identity).Using<ModelIdentity>((x, y) => x.Description == y.Description && x.Fingerprint.SequenceEqual(y.Fingerprint)));
        Assert.That(a.Emission.Freq[2], Is.EqualTo(65535u), "a zero weight still gets frequency 1, so every symbol stays codable");
        Assert.That(a.Emission.Freq[3], Is.EqualTo(1u));
    }

    [Test]
    public void TheFingerprintIgnoresHowTheFileIsWritten()
    {
        DiscreteModel plain = DiscreteModelFile.Parse(ModelJson.Hmm());
        string reordered = "{\"proposal\":\"bootstrap\",\"emission\":[[1.0,2e0,30E-1],[3,2.00,0.1e1]],\"transition\":[[30,10],[0.5,0.5]]," +
            "\"prior\":[0.25,0.75],\"sequence_length\":4,\"precision\":12,\"kind\":\"hmm\"}";
        DiscreteModel other = DiscreteModelFile.Parse(reordered);
        Assert.That(other.Fingerprint, Is.EqualTo(plain.Fingerprint));
        Assert.That(other.Identity.Description, Is.EqualTo(plain.Identity.Description));
        Assert.That(other.Identity.Fingerprint, Is.EqualTo(plain.Identity.Fingerprint));
        DiscreteModel escaped = DiscreteModelFile.Parse(ModelJson.Hmm().Replace("\"kind\"", "\"\\u006bind\"", StringComparison.Ordinal));
        Assert.That(escaped.Fingerprint, Is.EqualTo(plain.Fingerprint));
        DiscreteModel bom = DiscreteModelFile.Parse([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ModelJson.Hmm())]);
        Assert.That(bom.Fingerprint, Is.EqualTo(plain.Fingerprint));
    }

    [Test]
    public void UniformWordAndRowsOfOnesAreTheSameTables()
    {
        DiscreteModel word = DiscreteModelFile.Parse(ModelJson.Hmm(("proposal", "\"uniform\"")));
        DiscreteModel rows = DiscreteModelFile.Parse(ModelJson.Hmm(("proposal", "[[1, 1], [2, 2], [0.5, 0.5]]")));
        Assert.That(rows.Fingerprint, Is.EqualTo(word.Fingerprint));
    }

    [Test]
    public void TheFingerprintChangesWithTheTables()
    {
        ulong plain = DiscreteModelFile.Parse(ModelJson.Hmm()).Fingerprint;
        Assert.That(DiscreteModelFile.Parse(ModelJson.Hmm(("prior", "[1, 4]"))).Fingerprint, Is.Not.EqualTo(plain));
        Assert.That(DiscreteModelFile.Parse(ModelJson.Hmm(("precision", "11"))).Fingerprint, Is.Not.EqualTo(plain));
        Assert.That(DiscreteModelFile.Parse(ModelJson.Hmm(("sequence_length", "5"))).Fingerprint, Is.Not.EqualTo(plain));
        Assert.That(DiscreteModelFile.Parse(ModelJson.Hmm(("proposal", "\"locally-optimal\""))).Fingerprint, Is.Not.EqualTo(plain));
        DiscreteModel named = DiscreteModelFile.Parse(ModelJson.Hmm(("name", "\"rain, or not\"")));
        Assert.That(named.Fingerprint, Is.EqualTo(plain), "the name is not a table");
        Assert.That(named.Identity.Description, Is.EqualTo("json-hmm:name=rain, or not,K=2,V=3,T=4,proposal=bootstrap,r=12"));
    }

    [Test]
    public void LimitsAtTheEdgeAreAccepted()
    {
        // K = 1, V = 1, T = 1 and precision 1; V = 256 symbols.
        DiscreteModel tiny = DiscreteModelFile.Parse("{\"kind\":\"hmm\",\"sequence_length\":1,\"prior\":[1],\"transition\":[[1]],\"emission\":[[1]],\"proposal\":\"bootstrap\",\"precision\":1}");
        Assert.That((tiny.LatentCount, tiny.SymbolCount, tiny.Shape.ProposalPrecision), Is.EqualTo((1, 1, 1)));
        string row = "[" + string.Join(",", Enumerable.Repeat("1", 256)) + "]";
        DiscreteModel wide = DiscreteModelFile.Parse(ModelJson.Mixture(("emission", $"[{row}, {row}]"), ("proposal", "\"locally-optimal\"")));
        Assert.That(wide.SymbolCount, Is.EqualTo(256));
    }

    [Test]
    public void ReadNamesTheFileInItsErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mcbits-model-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, ModelJson.Hmm(("emission", "[[1, 2, 3], [3, 2]]")));
            ModelFileException e = Assert.Throws<ModelFileException>(() => DiscreteModelFile.Read(path))!;
            Assert.That((e.FilePath, e.Field, e.Line), Is.EqualTo((path, "emission[1]", (int?)6)));
            Assert.That(e.Message, Does.StartWith(path + ": emission[1]: has 2 numbers; expected V = 3"));

            File.WriteAllBytes(path, []);
            e = Assert.Throws<ModelFileException>(() => DiscreteModelFile.Read(path))!;
            Assert.That((e.Field, e.Reason), Is.EqualTo(("$", "the file is empty; a model file holds one JSON object")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ReadRefusesAFileOverTheCapBeforeReadingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mcbits-model-{Guid.NewGuid():N}.json");
        try
        {
            using (var f = File.Create(path)) f.SetLength(DiscreteModelFile.MaxFileBytes + 1); // sparse: nothing is written
            ModelFileException e = Assert.Throws<ModelFileException>(() => DiscreteModelFile.Read(path))!;
            Assert.That(e.Field, Is.EqualTo("$"));
            Assert.That(e.Reason, Does.Contain("67108865 bytes").And.Contain("64 MiB limit"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ReadOfAMissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => DiscreteModelFile.Read(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json")));
}

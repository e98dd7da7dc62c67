// README's "your own model" example, line for line, so the documented code keeps compiling and working.
using Engine.Modeling;
using Engine.Modeling.Discrete;

namespace Engine.Systems.Tests.UserModels;

public class ReadmeExampleTests
{
    [Test]
    public void TheMachineHmmExampleRuns()
    {
        QuantizedRows prior = QuantizedRows.FromWeights([0.9, 0.1], rows: 1, width: 2, precision: 16);
        QuantizedRows transition = QuantizedRows.FromWeights([0.95, 0.05, 0.30, 0.70], rows: 2, width: 2, precision: 16);
        QuantizedRows emission = QuantizedRows.FromWeights([0.8, 0.15, 0.05, 0.1, 0.3, 0.6], rows: 2, width: 3, precision: 16);
        // q(z_t | z_t-1): the transition itself (bootstrap); q(z_0 | x_0): one row per reading.
        QuantizedRows proposal = QuantizedRows.FromWeights([0.95, 0.05, 0.30, 0.70], rows: 2, width: 2, precision: 12);
        QuantizedRows first = QuantizedRows.FromWeights([0.98, 0.02, 0.8, 0.2, 0.4, 0.6], rows: 3, width: 2, precision: 12);
        var machine = new DiscreteModel("machine", sequenceLength: 24, prior, transition, emission, proposal,
                                        ProposalInput.Previous, first, description: "machine-hmm");

        byte[] readings = machine.Sample(units: 500, seed: 7);      // 500 days of 24 hourly readings (0, 1 or 2)
        var smc = new CoderOptions { Kind = CoderKind.BbSmc, Particles = 16, Chains = 4 };
        EncodeResult e = McBitsCodec.Encode(readings, machine, smc);
        Console.WriteLine($"{e.NetBitsPerUnit:F2} bits/day; -log2 p(x) {machine.MeanIdealBits(readings):F2}");
        byte[] same = McBitsCodec.Decode(e.Message, machine);      // a message names its model by fingerprint

        Assert.That(same, Is.EqualTo(readings));
        Assert.That(e.NetBitsPerUnit, Is.GreaterThan(machine.MeanIdealBits(readings) - 0.5));
        Assert.That(e.Message.Model, Is.EqualTo("machine-hmm"));
    }
}

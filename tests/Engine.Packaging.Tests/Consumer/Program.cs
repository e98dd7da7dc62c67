// A NuGet user's first program: their own HMM from plain numbers, one-shot and streaming round trips.
using Engine.Ans.Messages;
using Engine.Modeling;
using Engine.Modeling.Discrete;
using Engine.Models.Toy;
using Engine.Systems;

QuantizedRows prior = QuantizedRows.FromWeights([0.9, 0.1], rows: 1, width: 2, precision: 16);
QuantizedRows transition = QuantizedRows.FromWeights([0.95, 0.05, 0.30, 0.70], rows: 2, width: 2, precision: 16);
QuantizedRows emission = QuantizedRows.FromWeights([0.8, 0.15, 0.05, 0.1, 0.3, 0.6], rows: 2, width: 3, precision: 16);
QuantizedRows proposal = QuantizedRows.FromWeights([0.95, 0.05, 0.30, 0.70], rows: 2, width: 2, precision: 12);
QuantizedRows first = QuantizedRows.FromWeights([0.98, 0.02, 0.8, 0.2, 0.4, 0.6], rows: 3, width: 2, precision: 12);
var machine = new DiscreteModel("machine", sequenceLength: 24, prior, transition, emission, proposal, ProposalInput.Previous, first, description: "machine-hmm");
byte[] readings = machine.Sample(units: 200, seed: 7);
var options = new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 16, Chains = 4 };
EncodeResult e = McBitsCodec.Encode(readings, machine, options);
byte[] file = McbMessageFile.ToBytes(e.Message);
if (!McBitsCodec.Decode(McbMessageFile.Read(file), machine).AsSpan().SequenceEqual(readings)) return 1;

using var encoder = new McBitsEncoder(machine, options, frameUnits: 200);
encoder.Append(readings);
if (!encoder.Flush().Span.SequenceEqual(file)) return 2;

var toy = new ToyHmm();
byte[] data = toy.Sample(units: 50, seed: 1);
if (!McBitsCodec.Decode(McBitsCodec.Encode(data, toy, options).Message).AsSpan().SequenceEqual(data)) return 3;
Console.WriteLine($"round trips ok: {e.NetBitsPerUnit:F2} bits/day");
return 0;

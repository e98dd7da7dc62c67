// RingSensor: an example host. It simulates agents on a ring seen through a noisy sensor, compresses the
// readings every tick with BB-CSMC through one McBitsEncoder (its own model: RingModel), writes the frames
// one after another into a stream, decodes the stream back with one McBitsDecoder and checks every reading.
// It prints the rate against the model's −log2 p(x) and the raw size, and the per-tick latency of Append + Flush.
//   dotnet run --project examples/RingSensor -c Release -- [--agents 1000] [--ticks 400] [--particles 16] [--seed 1] [--flush-every 1]
// Every frame carries its own header (about 160 bytes) and initial bits; --flush-every k appends k ticks per frame.
// Latency figures leave out the first quarter of the ticks (tiered JIT recompiling the hot passes, tails growing to size).
using System.Diagnostics;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Modeling.Discrete;
using Engine.Systems;

namespace RingSensor;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        int agents = Option(args, "--agents", 1000), ticks = Option(args, "--ticks", 400), particles = Option(args, "--particles", 16);
        int seed = Option(args, "--seed", 1), flushEvery = Option(args, "--flush-every", 1);
        DiscreteModel model = RingModel.Build();
        var world = new RingSimulation(agents, seed);
        var options = new CoderOptions { Kind = CoderKind.BbCsmc, Particles = particles, Resampling = ResamplingMode.Adaptive, Seed = (ulong)seed };

        // The core: one encoder for the whole run; each tick appends the windows that closed and flushes a frame.
        var stream = new MemoryStream();
        var sent = new List<byte[]>();
        var latency = new List<double>();
        double ideal = 0, payload = 0, net = 0;
        using (var encoder = new McBitsEncoder(model, options, frameUnits: agents * flushEvery))
        {
            var pending = new List<byte>();
            for (int t = 0; t < ticks; t++)
            {
                ReadOnlySpan<byte> units = world.Tick();
                for (int u = 0; u < units.Length; u += RingModel.Window) ideal += model.NegativeLogLikelihood(units.Slice(u, RingModel.Window));
                pending.AddRange(units);
                long start = Stopwatch.GetTimestamp();
                encoder.Append(units);
                if ((t + 1) % flushEvery != 0 && t + 1 != ticks) continue;
                ReadOnlyMemory<byte> frame = encoder.Flush();
                if (t >= ticks / 4) latency.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                stream.Write(frame.Span);
                payload += encoder.Account(0).TotalBits; // the rANS state the frame carries (one chain)
                net += encoder.Account(0).NetBits;       // less the initial bits the decoder gets back from the seed
                sent.Add(pending.ToArray());
                pending.Clear();
            }
        }

        // The receiver: split the stream into frames and decode each with one decoder.
        using var decoder = new McBitsDecoder(model);
        int tick = 0;
        long readings = 0;
        foreach (McbMessage frame in McbMessageFile.ReadFrames(stream.ToArray()))
        {
            byte[] received = decoder.Decode(frame);
            if (!received.AsSpan().SequenceEqual(sent[tick]))
            {
                output.WriteLine($"tick {tick}: the decoded readings differ from the sent ones");
                return 1;
            }
            readings += received.Length;
            tick++;
        }
        if (tick != sent.Count)
        {
            output.WriteLine($"{tick} frames decoded, {sent.Count} sent");
            return 1;
        }

        latency.Sort();
        double bits = stream.Length * 8.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{agents} agents, {ticks} ticks, {readings} readings in {sent.Count} frames ({stream.Length} bytes), BB-CSMC N={particles}, decoded exactly"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bits/reading: {bits / readings:F3} in the frames = {payload / readings:F3} coded ({net / readings:F3} net of initial bits) + {(bits - payload) / readings:F3} frame headers; model -log2 p(x) {ideal / readings:F3}; raw {Math.Log2(RingModel.Cells):F3}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"append + flush per frame: median {Percentile(latency, 0.5):F0} us, p99 {Percentile(latency, 0.99):F0} us ({readings / (double)sent.Count:F0} readings per frame)"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < 1)
            throw new ArgumentException($"{name} needs a positive whole number.");
        return v;
    }
}

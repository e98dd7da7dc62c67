// `mcbits profile`: runs one coder configuration on sampled toy data with the scheduler's profiling on,
// prints the per-system table (Spectre) and, with --trace, writes a Chrome trace-event JSON of every
// system run (open it in Perfetto). --direction decode profiles the decoder instead (the encode then runs
// unprofiled to make the message); both directions are checked to round-trip.
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Cli.Profiling;
using Engine.Ecs.Scheduling;
using Engine.Gpu;
using Engine.Systems;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>profile</c> command.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var cmd = new Command("profile", "Time every system of one coder run on sampled toy data (per-system table, optional Chrome trace); the run is decoded and checked.");
        var coding = new CodingOptionSet(acceptsCheckpoint: false);
        var symbols = new Option<int>("--symbols") { Description = "Symbols of sampled data to code (a multiple of T = 10 for toy-hmm).", DefaultValueFactory = _ => 2000 };
        var sampleSeed = new Option<ulong>("--sample-seed") { Description = "Seed of the sampled data.", DefaultValueFactory = _ => 1 };
        var trace = new Option<string?>("--trace", "-t") { Description = "Write a Chrome trace-event JSON file here." };
        var direction = new Option<string>("--direction") { Description = "Which direction to profile: encode or decode.", DefaultValueFactory = _ => "encode" };
        direction.AcceptOnlyFromAmong("encode", "decode");
        coding.AddTo(cmd);
        foreach (Option o in new Option[] { symbols, sampleSeed, trace, direction }) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            CodingSetup setup = coding.Read(parse);
            int n = parse.GetValue(symbols);
            if (n < setup.Model.SequenceLength || n % setup.Model.SequenceLength != 0)
                throw new CliException($"--symbols {n}: {setup.ModelName} needs a positive multiple of {setup.Model.SequenceLength}", ExitCodes.Usage);
            string? tracePath = parse.GetValue(trace);
            bool decode = parse.GetValue(direction) == "decode";
            byte[] data = setup.Model.Sample(n / setup.Model.SequenceLength, parse.GetValue(sampleSeed));

            using IRansBackend backend = setup.OpenBackend();
            CoderOptions options = setup.Options with { Backend = backend };
            CoderOptions encodeOptions = decode ? options : options with { Profile = true, Trace = tracePath is not null };
            EncodeResult encoded = McBitsCodec.Encode(data, setup.Model, encodeOptions);
            using IDisposable own = DecodeBudget.Use(DecodeBudget.Unlimited); // our own message, just encoded
            DecodeResult decoded = McBitsCodec.DecodeDetailed(encoded.Message, setup.Model, profile: decode, trace: decode && tracePath is not null, backend: backend);
            if (!decoded.Data.AsSpan().SequenceEqual(data))
                throw new CliException("the decode did not reproduce the data", ExitCodes.VerificationFailed);

            IReadOnlyList<SystemProfile> profiles = decode ? decoded.Profiles : encoded.Profiles;
            IReadOnlyList<TraceEvent> events = decode ? decoded.Trace : encoded.Trace;
            double seconds = decode ? decoded.Seconds : encoded.Seconds;
            string what = decode ? "decode" : "encode";
            console.Ansi.Write(ProfileView.Build(profiles, $"{what}: {CodingText.Describe(setup.Coder, setup.Options, backend)} on {n} {setup.ModelName} symbols", seconds));
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"{what} {CodingText.Seconds(seconds)} s ({CodingText.Seconds(seconds / (n / setup.Model.SequenceLength) * 1e6)} µs/{setup.UnitName}); " +
                $"net {CodingText.Bits(encoded.NetBitsPerSymbol)} bits/symbol, total {CodingText.Bits(encoded.TotalBitsPerSymbol)} bits/symbol; round trip verified"));
            if (tracePath is not null)
            {
                AtomicFile.Write(tracePath, s => ChromeTraceWriter.Write(s, events));
                console.Line($"wrote {tracePath}: {events.Count} trace events (open in https://ui.perfetto.dev)");
            }
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}

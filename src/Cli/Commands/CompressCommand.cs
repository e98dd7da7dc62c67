// `mcbits compress`: codes a toy data file (one symbol per byte) into a .mcb message with the chosen model,
// coder, N, chains and seed, writes it atomically and prints the rates of DESIGN §3: net and total bits
// per symbol, the real file size, and the data's ideal code length −log2 p(x) for comparison.
using System.CommandLine;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Systems;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>compress</c> command.</summary>
internal static class CompressCommand
{
    /// <summary>Extension of message files.</summary>
    public const string MessageExtension = ".mcb";

    public static Command Create()
    {
        var cmd = new Command("compress", "Compress a toy data file (one symbol per byte) into a .mcb message.");
        var input = new Argument<string>("input") { Description = "Data file: one symbol per byte." };
        var output = new Option<string?>("--output", "-o") { Description = "Message file to write (default: <input>.mcb)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing output file." };
        var coding = new CodingOptionSet();
        cmd.Arguments.Add(input);
        coding.AddTo(cmd);
        cmd.Options.Add(output);
        cmd.Options.Add(force);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            if (Vae.VaeModelFile.IsCheckpoint(parse.GetValue(coding.Model)))
                return Vae.VaeCompress.Run(parse, coding, console, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(force));
            CodingSetup setup = coding.Read(parse);
            string source = parse.GetValue(input)!;
            string target = parse.GetValue(output) ?? source + MessageExtension;
            AtomicFile.CheckWritable(target, parse.GetValue(force));
            byte[] data = File.ReadAllBytes(source);
            ModelEntry.CheckInput(data, setup.Model, source);
            using IRansBackend backend = setup.OpenBackend();
            EncodeResult result = ToyCodec.Encode(data, setup.Model, setup.Options with { Backend = backend });
            byte[] file = McbMessageFile.ToBytes(result.Message);
            AtomicFile.WriteAllBytes(target, file);
            Report(console, setup, backend, source, target, data, result, file.LongLength);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Report(CliConsole console, CodingSetup setup, IRansBackend backend, string source, string target, byte[] data, EncodeResult r, long fileBytes)
    {
        var inv = CultureInfo.InvariantCulture;
        int symbols = data.Length;
        double fileBits = symbols == 0 ? 0 : 8.0 * fileBytes / symbols;
        string ideal = symbols == 0 ? "n/a" : CodingText.Bits(setup.Model.MeanIdealBits(data) / setup.Model.SequenceLength);
        console.Line(string.Create(inv, $"{source} -> {target}: {symbols} symbols ({setup.Entry.Name}), {CodingText.Describe(setup.Coder, setup.Options, backend)}"));
        console.Line(string.Create(inv,
            $"net {CodingText.Bits(r.NetBitsPerSymbol)} bits/symbol, total {CodingText.Bits(r.TotalBitsPerSymbol)} bits/symbol, " +
            $"file {CodingText.Bits(fileBits)} bits/symbol ({fileBytes} bytes), -log2 p(x) {ideal} bits/symbol; " +
            $"initial {r.InitialBits:F1} bits; encode {CodingText.Seconds(r.Seconds)} s"));
        if (setup.Model.SequenceLength > 1)
            console.Line(string.Create(inv,
                $"per {setup.Entry.UnitName}: net {CodingText.Bits(r.NetBitsPerUnit)} bits, total {CodingText.Bits(r.TotalBitsPerUnit)} bits ({r.Units} {setup.Entry.UnitName}s)"));
    }
}

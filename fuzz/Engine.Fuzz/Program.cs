// Entry point of the fuzz harness. `Engine.Fuzz <target>` is what afl-fuzz runs (scripts/fuzz.sh): SharpFuzz's
// in-process fork server reads each input from stdin and reports an escaping exception as a crash.
// `Engine.Fuzz <target> --replay <file or folder>…` runs saved inputs once each and prints how each ended (the
// refusal's message, the managed bytes it allocated), to reproduce a finding outside afl (exit 1 on the first
// finding, with its stack trace); run it from the plain build (`dotnet run --project fuzz/Engine.Fuzz -c Release
// -- …`): instrumented assemblies need afl's memory.
using SharpFuzz;

namespace Engine.Fuzz;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTarget.Names.Contains(args[0]))
        {
            Console.Error.WriteLine($"usage: Engine.Fuzz <{string.Join("|", FuzzTarget.Names)}> [--replay <file or folder>...]");
            return 2;
        }
        if (args.Length > 1 && args[1] == "--replay") return Replay(FuzzTarget.Create(args[0]), args.Skip(2));
        // Instrumented code may only run once SharpFuzz has mapped afl's coverage memory, that is inside Run:
        // the target (which loads models) is built on the first input, afl's dry run.
        FuzzTarget? target = null;
        Fuzzer.Run(stream =>
        {
            target ??= FuzzTarget.Create(args[0]);
            var input = new MemoryStream();
            stream.CopyTo(input);
            target.Run(input.ToArray());
        });
        return 0;
    }

    private static int Replay(FuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]);
        foreach (string file in files)
        {
            try
            {
                FuzzOutcome outcome = target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: {outcome}{(target.LastRefusal is { } r ? " (" + r + ")" : "")}, allocated {target.LastAllocatedBytes / 1024} KiB");
            }
            catch (Exception e)
            {
                Console.WriteLine($"{file}: FINDING {e}");
                return 1;
            }
        }
        return 0;
    }
}

// Warmup: --warmup codes a few units of zeros with the same model and coder before the timed run, so the time a
// command reports is the coder's, not the JIT's (a cold one-shot BB-SMC(16) compress reported ~8x the steady-state
// time per sequence). The warm-up's message is thrown away; it touches no file.
using Engine.Modeling;
using Engine.Systems;

namespace Engine.Cli.Infrastructure;

internal static class Warmup
{
    /// <summary>Units the warm-up codes.</summary>
    public const int Units = 8;

    /// <summary>Encodes and decodes <see cref="Units"/> units of zeros on one chain with <paramref name="options"/>' coder.</summary>
    public static void Run(ILatentModel model, CoderOptions options)
    {
        var zeros = new byte[checked(model.Shape.SymbolsPerUnit * Units)];
        CoderOptions one = options with { Chains = 1, Progress = null, Profile = false, Trace = false };
        McBitsCodec.Decode(McBitsCodec.Encode(zeros, model, one).Message, model, one.Backend);
    }
}

// The round-trip grid of the issue: every coder, on both models (AIS coders: the one-step mixture only),
// N in {1, 2, 16, 128}, chains in {1, 7, 64}, 20 seeds each. Every seed draws fresh data of 1-2 units per
// chain (sometimes fewer units than chains, so lanes sit out), alternates the uniform and the informed
// proposal (non-power-of-two residuals for the coupled coders), and demands the exact symbols back with
// every chain at its seeded initial state (Decode throws otherwise).
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class RoundTripGridTests
{
    private const int Seeds = 20;

    public static IEnumerable<TestCaseData> Grid()
    {
        foreach (string model in new[] { "mixture", "hmm" })
            foreach (CoderKind kind in CoderNames.All)
                foreach (ResamplingMode mode in kind is CoderKind.BbSmc or CoderKind.BbCsmc
                             ? new[] { ResamplingMode.Always, ResamplingMode.Adaptive, ResamplingMode.Never }
                             : new[] { ResamplingMode.Always })
                {
                    if (CoderOptionsIsAnnealed(kind) && model == "hmm") continue;
                    if (mode == ResamplingMode.Never && model == "mixture") continue;
                    foreach (int n in kind == CoderKind.BbElbo ? new[] { 1 } : new[] { 1, 2, 16, 128 })
                        foreach (int chains in new[] { 1, 7, 64 })
                            yield return new TestCaseData(model, kind, mode, n, chains)
                                .SetName($"{model} {CoderNames.ToName(kind)} {mode} N={n} B={chains}");
                }
    }

    [TestCaseSource(nameof(Grid))]
    public void EveryCoderRoundTripsExactly(string modelKind, CoderKind kind, ResamplingMode mode, int n, int chains)
    {
        for (int seed = 1; seed <= Seeds; seed++)
        {
            string proposal = seed % 2 == 0 ? "uniform" : "informed";
            ToyModel model = TestModels.Get($"{modelKind}:seed={1 + seed % 3},proposal={proposal}");
            int units = seed % 5 == 0 ? Math.Max(1, chains / 2) : chains + seed * 7 % (chains + 1);
            byte[] data = model.Sample(units, (ulong)(seed * 1000 + n));
            var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Seed = (ulong)seed, Resampling = mode };
            EncodeResult encoded = McBitsCodec.Encode(data, model, options);
            byte[] decoded = McBitsCodec.Decode(encoded.Message, model);
            Assert.That(decoded, Is.EqualTo(data), $"seed {seed}");
            Assert.That(encoded.Account.NetBits, Is.GreaterThan(0), $"seed {seed}");
        }
    }

    private static bool CoderOptionsIsAnnealed(CoderKind kind) => kind is CoderKind.BbAis or CoderKind.BbAisBitSwap;
}

// GoldenSet: the catalogue of golden messages, one set per format version, each committed under
// tests/Golden/v<version>. Version 1 was written by the code as it stood before the coder-core change
// (commit 162a7da), together with the inputs and the tiny VAE checkpoint; version 2 (the checksum covers
// the output's dimensions), version 3 (the VAE's coupled particles shift per latent dimension), version 4 (uniforms
// at 24 bits where they fit) and version 5 (the VAE's latent grid recorded, 2^12 buckets with centroids by default) code
// the same inputs with the same options and checkpoint, which stay in v1. Every coder on both toy models (uniform and
// informed proposals, one and several chains) and the three VAE coders; version 5 adds the VAE coders on two other grids
// (10 bits with midpoints and an 18-bit proposal, 8 bits with centroids and a 24-bit one). Messages of every version must decode forever, and re-encoding the same input with the same
// options and version must reproduce them byte for byte (docs/format.md).
using Engine.Models.Neural;

namespace Engine.Systems.Tests.Golden;

/// <summary>The golden messages of every format version.</summary>
public static class GoldenSet
{
    /// <summary>The <see cref="GoldenCase.Model"/> of cases coded with the committed VAE checkpoint.</summary>
    public const string VaeModel = "vae-tiny.ckpt";

    /// <summary>The format versions with a golden set.</summary>
    public static IReadOnlyList<int> Versions { get; } = [1, 2, 3, 4, 5];

    /// <summary>Directory of <paramref name="version"/>'s messages (copied next to the test assembly).</summary>
    public static string Directory(int version) => Path.Combine(AppContext.BaseDirectory, "Golden", $"v{version}");

    /// <summary>Directory of the inputs and the VAE checkpoint every version codes (written with version 1).</summary>
    public static string InputDirectory => Directory(1);

    /// <summary>Every version-1 case.</summary>
    public static IReadOnlyList<GoldenCase> V1 { get; } = Build(1);

    /// <summary>Every version-2 case: version 1's, written as version 2.</summary>
    public static IReadOnlyList<GoldenCase> V2 { get; } = Build(2);

    /// <summary>Every version-3 case: version 1's, written as version 3 (the VAE's BB-CIS shifts per latent dimension).</summary>
    public static IReadOnlyList<GoldenCase> V3 { get; } = Build(3);

    /// <summary>Every version-4 case: version 1's, written as version 4 (uniforms at 24 bits where they fit).</summary>
    public static IReadOnlyList<GoldenCase> V4 { get; } = Build(4);

    /// <summary>Every version-5 case: version 1's, written as version 5 (the VAE on the default fine grid), and the VAE coders on
    /// two other grids.</summary>
    public static IReadOnlyList<GoldenCase> V5 { get; } = Build(5);

    /// <summary>The cases of <paramref name="version"/>.</summary>
    public static IReadOnlyList<GoldenCase> Of(int version) => version switch
    {
        1 => V1,
        2 => V2,
        3 => V3,
        4 => V4,
        5 => V5,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "No golden set."),
    };

    private static List<GoldenCase> Build(int version)
    {
        var cases = new List<GoldenCase>();
        void Add(string model, string tag, CoderKind kind, int n, int chains, int units, ResamplingMode resampling = ResamplingMode.Always,
            VaeLatentGrid? grid = null, string? input = null)
        {
            string name = $"{tag}-{CoderNames.ToName(kind).ToLowerInvariant()}{(resampling == ResamplingMode.Always ? "" : "-" + resampling.ToString().ToLowerInvariant())}-n{n}-b{chains}";
            var options = new CoderOptions
            {
                Kind = kind, Particles = n, Chains = chains, Seed = (ulong)(cases.Count + 3), Resampling = resampling, FormatVersion = version,
            };
            cases.Add(new GoldenCase(version, name, model, options, units, (ulong)(cases.Count + 101)) { Grid = grid, InputStem = input ?? name });
        }

        foreach (int chains in new[] { 1, 4 })
        {
            // Toy mixture (T = 1): every coder, uniform proposal; informed proposal for the coupled residuals.
            Add("mixture:seed=1", "mixture", CoderKind.BbElbo, 1, chains, 120);
            Add("mixture:seed=1", "mixture", CoderKind.BbIs, 8, chains, 120);
            Add("mixture:seed=1", "mixture", CoderKind.BbCis, 8, chains, 120);
            Add("mixture:seed=1", "mixture", CoderKind.BbAis, 6, chains, 120);
            Add("mixture:seed=1", "mixture", CoderKind.BbAisBitSwap, 6, chains, 120);
            Add("mixture:seed=1", "mixture", CoderKind.BbSmc, 4, chains, 120);
            Add("mixture:seed=1", "mixture", CoderKind.BbCsmc, 4, chains, 120);
            Add("mixture:seed=4,proposal=informed", "mixture-informed", CoderKind.BbCis, 16, chains, 120);
            Add("mixture:seed=4,proposal=informed", "mixture-informed", CoderKind.BbAis, 4, chains, 120);

            // Toy HMM (T = 10): the SMC family and the importance samplers.
            Add("hmm:seed=1", "hmm", CoderKind.BbElbo, 1, chains, 12);
            Add("hmm:seed=1", "hmm", CoderKind.BbIs, 8, chains, 12);
            Add("hmm:seed=1", "hmm", CoderKind.BbCis, 8, chains, 12);
            Add("hmm:seed=1", "hmm", CoderKind.BbSmc, 8, chains, 12);
            Add("hmm:seed=1", "hmm", CoderKind.BbSmc, 8, chains, 12, ResamplingMode.Never);
            Add("hmm:seed=1", "hmm", CoderKind.BbSmc, 8, chains, 12, ResamplingMode.Adaptive);
            Add("hmm:seed=1", "hmm", CoderKind.BbCsmc, 8, chains, 12);
            Add("hmm:seed=1", "hmm", CoderKind.BbCsmc, 8, chains, 12, ResamplingMode.Adaptive);
            Add("hmm:seed=3,proposal=informed", "hmm-informed", CoderKind.BbSmc, 16, chains, 12, ResamplingMode.Adaptive);
            Add("hmm:seed=3,proposal=informed", "hmm-informed", CoderKind.BbCsmc, 16, chains, 12);
        }

        foreach (int chains in new[] { 1, 3 })
        {
            Add(VaeModel, "vae", CoderKind.BbElbo, 1, chains, 9);
            Add(VaeModel, "vae", CoderKind.BbIs, 5, chains, 9);
            Add(VaeModel, "vae", CoderKind.BbCis, 5, chains, 9);
        }

        if (version >= 5)
        {
            // The grid is a message parameter from version 5: other bits and the other decoder point decode too. Inputs: v1's
            // vae cases of one chain.
            foreach (VaeLatentGrid grid in new[] { VaeLatentGrid.Of(10, LatentPoint.Midpoint, 18), VaeLatentGrid.Of(8, LatentPoint.Centroid) })
            {
                string tag = $"vae-g{grid.PriorBits}{grid.PointName[..3]}r{grid.ProposalPrecision}";
                Add(VaeModel, tag, CoderKind.BbElbo, 1, 1, 9, grid: grid, input: "vae-bb-elbo-n1-b1");
                Add(VaeModel, tag, CoderKind.BbIs, 5, 1, 9, grid: grid, input: "vae-bb-is-n5-b1");
                Add(VaeModel, tag, CoderKind.BbCis, 5, 1, 9, grid: grid, input: "vae-bb-cis-n5-b1");
            }
        }
        return cases;
    }
}

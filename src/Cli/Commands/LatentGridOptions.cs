// LatentGridOptions: `--latent-bits`, `--latent-point` and `--proposal-bits`, the VAE's latent grid (2^k equal-mass buckets
// per latent, the decoder fed each bucket's quantile midpoint or centroid, the proposal at precision r;
// Engine.Models.Neural.VaeLatentGrid). Written into the message,
// so decompress needs neither. Unset, a VAE codes on the grid the current format writes by default. Read by compress with a
// VAE checkpoint and by the fashion-vae sweep; refused for every other model. Plain values here: the small tool, which has
// no VAE, compiles this file too.
using System.CommandLine;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Commands;

/// <summary>The VAE latent-grid options.</summary>
internal sealed class LatentGridOptions
{
    public Option<int?> Bits { get; } = new("--latent-bits")
    {
        Description = "VAE and VRNN: 2^k equal-mass buckets per latent, k in 8..12 (default 10 for a VAE, 8 for a VRNN).",
    };

    public Option<int?> ProposalBits { get; } = new("--proposal-bits")
    {
        Description = "VAE and VRNN: precision r of the discretised proposal (a VRNN's prior too), k + 8..24 (default 24 for a VAE, 20 for a VRNN).",
    };

    public Option<string?> Point { get; } = new("--latent-point")
    {
        Description = "VAE and VRNN: the point of a bucket the decoder sees, midpoint (quantile midpoint) or centroid (conditional mean; default).",
    };

    public LatentGridOptions()
    {
        Point.AcceptOnlyFromAmong("midpoint", "centroid");
    }

    public IEnumerable<Option> All => [Bits, Point, ProposalBits];

    public void AddTo(Command command)
    {
        foreach (Option o in All) command.Options.Add(o);
    }

    /// <summary>Refuses either option given for a model that is not a VAE (usage error).</summary>
    public void RefuseFor(ParseResult parse, string what)
    {
        foreach (Option o in All)
            if (parse.GetResult(o) is { Implicit: false })
                throw new CliException($"{o.Name} is for VAE checkpoints; {what} does not take it", ExitCodes.Usage);
    }
}

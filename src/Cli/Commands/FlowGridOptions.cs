// FlowGridOptions: `compress --sigma-bits/--grid-bits/--index-grid-bits/--dequant-bits`, the local bits-back coders' Gaussian
// width and grids (FlowOptions; each is written into the message, so decompress needs none of them). Only a CIF checkpoint
// reads them; the defaults are FlowOptions'. Options that a symbol model or a VAE would ignore are refused there.
using System.CommandLine;
using Engine.Cli.Infrastructure;
using Engine.Systems.Flows;

namespace Engine.Cli.Commands;

/// <summary>The flow coders' sigma and grid options of <c>compress</c>.</summary>
internal sealed class FlowGridOptions
{
    private static readonly FlowOptions Defaults = new();

    public Option<int> Sigma { get; } = new("--sigma-bits") { Description = $"CIF only: every level's Gaussian width sigma = 2^-s (default {Defaults.SigmaBits}).", DefaultValueFactory = _ => Defaults.SigmaBits };
    public Option<int> Grid { get; } = new("--grid-bits") { Description = $"CIF only: the latent grid 2^-g (default {Defaults.GridBits}).", DefaultValueFactory = _ => Defaults.GridBits };
    public Option<int> IndexGrid { get; } = new("--index-grid-bits") { Description = $"CIF only: the index grid's exponent (default {Defaults.IndexGridBits}).", DefaultValueFactory = _ => Defaults.IndexGridBits };
    public Option<int> Dequant { get; } = new("--dequant-bits") { Description = $"CIF only: dequantisation bins per symbol, 2^d (default {Defaults.DequantBits}).", DefaultValueFactory = _ => Defaults.DequantBits };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Sigma, Grid, IndexGrid, Dequant }) command.Options.Add(o);
    }

    /// <summary><paramref name="options"/> with the values given (range checks follow in FlowOptions.Validate).</summary>
    public FlowOptions Apply(ParseResult parse, FlowOptions options) => options with
    {
        SigmaBits = parse.GetValue(Sigma), GridBits = parse.GetValue(Grid), IndexGridBits = parse.GetValue(IndexGrid), DequantBits = parse.GetValue(Dequant),
    };

    /// <summary>Refuses any of these options given explicitly for a model that is not a CIF (usage error).</summary>
    public void RefuseFor(ParseResult parse, string what)
    {
        foreach (Option o in new Option[] { Sigma, Grid, IndexGrid, Dequant })
            if (parse.GetResult(o) is { Implicit: false })
                throw new CliException($"{o.Name} is for CIF checkpoints; {what} does not take it", ExitCodes.Usage);
    }
}

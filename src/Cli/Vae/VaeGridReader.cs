// VaeGridReader: the VaeLatentGrid that --latent-bits / --latent-point / --proposal-bits (LatentGridOptions) ask for; unset
// values take VaeLatentGrid.Default's. Out-of-range values are a usage error.
using System.CommandLine;
using Engine.Cli.Commands;
using Engine.Cli.Infrastructure;
using Engine.Models.Neural;

namespace Engine.Cli.Vae;

internal static class VaeGridReader
{
    /// <summary>The grid the options give (each unset one from <paramref name="defaults"/>, <see cref="VaeLatentGrid.Default"/> when null).</summary>
    public static VaeLatentGrid Read(ParseResult parse, LatentGridOptions options, VaeLatentGrid? defaults = null)
    {
        defaults ??= VaeLatentGrid.Default;
        int bits = parse.GetValue(options.Bits) ?? defaults.PriorBits;
        int r = parse.GetValue(options.ProposalBits) ?? defaults.ProposalPrecision;
        LatentPoint point = parse.GetValue(options.Point) is { } p ? VaeLatentGrid.ParsePoint(p) : defaults.Point;
        try
        {
            return VaeLatentGrid.Of(bits, point, r);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException($"--latent-bits {bits} --proposal-bits {r}: {CommandGuard.WithoutParameter(e)}", ExitCodes.Usage);
        }
    }
}

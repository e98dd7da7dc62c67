// VaeGridReader: the VaeLatentGrid that --latent-bits / --latent-point / --proposal-bits (LatentGridOptions) ask for; unset
// values take VaeLatentGrid.Default's. Out-of-range values are a usage error.
using System.CommandLine;
using Engine.Cli.Commands;
using Engine.Cli.Infrastructure;
using Engine.Models.Neural;

namespace Engine.Cli.Vae;

internal static class VaeGridReader
{
    /// <summary>The grid the options give (each unset one from <see cref="VaeLatentGrid.Default"/>).</summary>
    public static VaeLatentGrid Read(ParseResult parse, LatentGridOptions options)
    {
        int bits = parse.GetValue(options.Bits) ?? VaeLatentGrid.Default.PriorBits;
        int r = parse.GetValue(options.ProposalBits) ?? VaeLatentGrid.Default.ProposalPrecision;
        LatentPoint point = parse.GetValue(options.Point) is { } p ? VaeLatentGrid.ParsePoint(p) : VaeLatentGrid.Default.Point;
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

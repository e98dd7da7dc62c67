// VaeMessageFields: the coder parameters a VAE message carries and their strict parse back. The latent grid
// (prior bits, proposal precision, and from format version 5 the decoder's bucket point), the
// pixel precision and the latent count are written so that a build with other constants, or another network
// shape, refuses the message instead of mis-decoding it. Versions 1-4 always record the coarse grid (8 bits,
// precision 16, midpoints, no latent_point key); version 5 records any grid VaeLatentGrid.Of accepts.
using Engine.Ans.Messages;
using Engine.Models.Neural;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Writes and reads the VAE coder parameters of an <see cref="McbMessage"/>.</summary>
internal static class VaeMessageFields
{
    private const string ParticlesKey = MessageOptions.ParticlesKey;
    private const string WeightPrecisionKey = MessageOptions.WeightPrecisionKey;
    private const string PriorBitsKey = "prior_bits";
    private const string ProposalPrecisionKey = "proposal_precision";
    private const string PixelPrecisionKey = "pixel_precision";
    private const string LatentPointKey = "latent_point";
    private const string LatentsKey = "latents";
    private const string RowsKey = "rows";
    private const string ColsKey = "cols";

    public static Dictionary<string, string> Parameters(CoderOptions o, VaeLatentGrid grid, int rows, int cols, int latents)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ParticlesKey] = Text(o.Particles),
            [WeightPrecisionKey] = Text(o.WeightPrecision),
            [PriorBitsKey] = Text(grid.PriorBits),
            [ProposalPrecisionKey] = Text(grid.ProposalPrecision),
            [PixelPrecisionKey] = Text(VaeLatentModel.PixelPrecision),
            [LatentsKey] = Text(latents),
            [RowsKey] = Text(rows),
            [ColsKey] = Text(cols),
        };
        if (o.FormatVersion >= 5) parameters[LatentPointKey] = grid.PointName;
        return parameters;
    }

    /// <summary>The coder options and latent grid of <paramref name="m"/>, checked against <paramref name="model"/>.</summary>
    public static (CoderOptions Options, VaeLatentGrid Grid) Options(McbMessage m, VaeModel model)
    {
        VaeLatentGrid grid = VaeLatentGrid.Coarse;
        CoderOptions options = MessageOptions.Read(m, options =>
        {
            grid = Grid(m);
            MessageOptions.Expect(m, PixelPrecisionKey, VaeLatentModel.PixelPrecision);
            MessageOptions.Expect(m, LatentsKey, model.Latents);
            (int rows, int cols) = Shape(m);
            if ((long)rows * cols != model.Pixels)
                throw new FormatException($"Images of {rows}x{cols} do not have the model's {model.Pixels} pixels.");
            VaeCodec.Validate(options);
            if ((long)options.Chains * model.Latents * grid.Count > Engine.Modeling.QuantizedRows.MaxEntries)
                throw new FormatException($"{options.Chains} chains x {model.Latents} latents x {grid.Count} buckets of proposal rows are more than an encoder writes.");
            return options;
        });
        return (options, grid);
    }

    // Versions 1-4: the coarse grid, no latent_point key. Version 5: prior bits in [8, 12], proposal precision in [bits + 8, 24], a known point.
    private static VaeLatentGrid Grid(McbMessage m)
    {
        if (m.FormatVersion < 5)
        {
            if (m.CoderParameters.ContainsKey(LatentPointKey))
                throw new FormatException($"'{LatentPointKey}' is not a parameter of format version {m.FormatVersion}.");
            MessageOptions.Expect(m, PriorBitsKey, VaeLatentGrid.Coarse.PriorBits);
            MessageOptions.Expect(m, ProposalPrecisionKey, VaeLatentGrid.Coarse.ProposalPrecision);
            return VaeLatentGrid.Coarse;
        }
        // VaeLatentGrid.Of checks the ranges; its ArgumentOutOfRangeException becomes Corrupt in MessageOptions.Read.
        return VaeLatentGrid.Of(Int(m, PriorBitsKey), VaeLatentGrid.ParsePoint(MessageOptions.Text(m, LatentPointKey)), Int(m, ProposalPrecisionKey));
    }

    public static (int Rows, int Cols) Shape(McbMessage m)
    {
        try
        {
            int rows = Int(m, RowsKey), cols = Int(m, ColsKey);
            if (rows < 1 || cols < 1) throw new FormatException($"Image shape {rows}x{cols} is empty.");
            return (rows, cols);
        }
        catch (Exception e) when (e is FormatException or OverflowException or KeyNotFoundException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's image shape is invalid: {e.Message}", e);
        }
    }

    /// <summary>Images in the message; each chain's pixel count must be the contiguous split's.</summary>
    public static int Units(McbMessage m, int pixels, int chains) => CodecRun.Units(m, pixels, chains, "pixel");


    private static int Int(McbMessage m, string key) => MessageOptions.Int(m, key);

    private static string Text(int v) => MessageOptions.Text(v);
}

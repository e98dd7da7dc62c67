// VaeMessageFields: the coder parameters a VAE message carries and their strict parse back. The fixed
// precisions (prior bits, proposal and pixel precision) and the latent count are written so that a build
// with other constants, or another network shape, refuses the message instead of mis-decoding it.
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
    private const string LatentsKey = "latents";
    private const string RowsKey = "rows";
    private const string ColsKey = "cols";

    public static Dictionary<string, string> Parameters(CoderOptions o, int rows, int cols, int latents) => new(StringComparer.Ordinal)
    {
        [ParticlesKey] = Text(o.Particles),
        [WeightPrecisionKey] = Text(o.WeightPrecision),
        [PriorBitsKey] = Text(VaeLatentModel.PriorBits),
        [ProposalPrecisionKey] = Text(VaeLatentModel.ProposalPrecision),
        [PixelPrecisionKey] = Text(VaeLatentModel.PixelPrecision),
        [LatentsKey] = Text(latents),
        [RowsKey] = Text(rows),
        [ColsKey] = Text(cols),
    };

    public static CoderOptions Options(McbMessage m, VaeModel model) => MessageOptions.Read(m, options =>
    {
        Expect(m, PriorBitsKey, VaeLatentModel.PriorBits);
        Expect(m, ProposalPrecisionKey, VaeLatentModel.ProposalPrecision);
        Expect(m, PixelPrecisionKey, VaeLatentModel.PixelPrecision);
        Expect(m, LatentsKey, model.Latents);
        (int rows, int cols) = Shape(m);
        if ((long)rows * cols != model.Pixels)
            throw new FormatException($"Images of {rows}x{cols} do not have the model's {model.Pixels} pixels.");
        VaeCodec.Validate(options);
        return options;
    });

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

    private static void Expect(McbMessage m, string key, int value)
    {
        int v = Int(m, key);
        if (v != value) throw new FormatException($"'{key}' is {v}; this build and model use {value}.");
    }

    private static int Int(McbMessage m, string key) => MessageOptions.Int(m, key);

    private static string Text(int v) => MessageOptions.Text(v);
}

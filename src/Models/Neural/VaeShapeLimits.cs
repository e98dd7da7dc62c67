// VaeShapeLimits: what a checkpoint header may declare before anything is built from it (issue 10). A header
// is untrusted input: its sizes are bounded (so no product overflows and libtorch is never asked for
// terabytes) and the parameter bytes they imply must match the stored state dict's length — the float32
// weights and biases of the six linear layers plus a small allowance for TorchSharp's names and tensor
// headers — before libtorch is touched or any network is built.
namespace Engine.Models.Neural;

/// <summary>Bounds on the network shape a checkpoint header may declare.</summary>
public static class VaeShapeLimits
{
    /// <summary>Largest pixel count D (a 256×256 image).</summary>
    public const int MaxPixels = 1 << 16;

    /// <summary>Largest hidden width H.</summary>
    public const int MaxHidden = 1 << 13;

    /// <summary>Largest latent count L.</summary>
    public const int MaxLatents = 1 << 12;

    /// <summary>Bytes a state dict may hold beyond its float32 parameters (names, dtypes, dimensions of 12 tensors).</summary>
    public const long StateOverheadBytes = 4096;

    /// <summary>Number of float parameters of a <see cref="BinaryVae"/> of <paramref name="shape"/> (in range when the shape is).</summary>
    public static long ParameterCount(VaeShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long d = shape.Pixels, h = shape.Hidden, l = shape.Latents;
        long encoder = (d * h + h) + (h * h + h) + (h * 2 * l + 2 * l);
        long decoder = (l * h + h) + (h * h + h) + (h * d + d);
        return encoder + decoder;
    }

    /// <summary>Why <paramref name="shape"/> is out of bounds, or null when it is within them.</summary>
    public static string? Check(VaeShape? shape)
    {
        if (shape is null) return "no network shape";
        if (shape.Pixels < 1 || shape.Pixels > MaxPixels) return $"pixels {shape.Pixels} outside 1..{MaxPixels}";
        if (shape.Hidden < 1 || shape.Hidden > MaxHidden) return $"hidden width {shape.Hidden} outside 1..{MaxHidden}";
        if (shape.Latents < 1 || shape.Latents > MaxLatents) return $"latents {shape.Latents} outside 1..{MaxLatents}";
        return null;
    }

    /// <summary>Why a state dict of <paramref name="stateBytes"/> bytes cannot hold the parameters of <paramref name="shape"/>, or null.</summary>
    public static string? CheckStateLength(VaeShape shape, long stateBytes)
    {
        long floats = 4 * ParameterCount(shape);
        if (stateBytes < floats || stateBytes > floats + StateOverheadBytes)
            return $"a {shape} network has {floats} bytes of float32 parameters, the state dict holds {stateBytes} bytes";
        return null;
    }
}

// The sizes of a VRNN over binary vectors: symbols X per step (28 pixels of an image row), feature width F (the
// x and z feature layers and every head's hidden layer), recurrent width H (the GRU state h_t) and Gaussian latents Z
// per step. Default 28-64-128-4; tests use tiny shapes. Bounds on what a checkpoint header may declare are here too,
// so an untrusted header is checked (and its parameter bytes against the stored state dict) before anything is built.
namespace Engine.Models.Neural.Vrnn;

/// <summary>Layer sizes of a <see cref="VrnnNetwork"/>.</summary>
/// <param name="Symbols">Binary symbols X per step.</param>
/// <param name="Features">Width F of the feature extractors and of every head's hidden layer.</param>
/// <param name="Hidden">Width H of the recurrent state.</param>
/// <param name="Latents">Gaussian latents Z per step.</param>
public sealed record VrnnShape(int Symbols, int Features, int Hidden, int Latents)
{
    /// <summary>28-64-128-4: one image row per step, 64 features, a 128-unit GRU, 4 latents a step.</summary>
    public static VrnnShape Default { get; } = new(28, 64, 128, 4);

    /// <summary>Largest symbol count X.</summary>
    public const int MaxSymbols = 1 << 12;

    /// <summary>Largest feature width F.</summary>
    public const int MaxFeatures = 1 << 11;

    /// <summary>Largest recurrent width H.</summary>
    public const int MaxHidden = 1 << 11;

    /// <summary>Largest latent count Z per step.</summary>
    public const int MaxLatents = 1 << 8;

    /// <summary>Bytes a state dict may hold beyond its float32 parameters (names, dtypes and sizes of its tensors).</summary>
    public const long StateOverheadBytes = 8192;

    /// <summary>Why the shape is out of bounds, or null when every size is within them.</summary>
    public string? Problem() =>
        Symbols < 1 || Symbols > MaxSymbols ? $"symbols {Symbols} outside 1..{MaxSymbols}"
        : Features < 1 || Features > MaxFeatures ? $"features {Features} outside 1..{MaxFeatures}"
        : Hidden < 1 || Hidden > MaxHidden ? $"hidden width {Hidden} outside 1..{MaxHidden}"
        : Latents < 1 || Latents > MaxLatents ? $"latents {Latents} outside 1..{MaxLatents}"
        : null;

    /// <summary>Throws unless every size is within bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public void Validate()
    {
        if (Problem() is { } bad) throw new ArgumentOutOfRangeException(nameof(VrnnShape), this, bad);
    }

    /// <summary>Float parameters of a network of this shape (in range when the shape is).</summary>
    public long ParameterCount() => VrnnNetwork.ParameterSizes(this).Sum(p => p.Sizes.Aggregate(1L, (a, b) => a * b));

    /// <summary>Why a state dict of <paramref name="stateBytes"/> bytes cannot hold this shape's parameters, or null.</summary>
    public string? CheckStateLength(long stateBytes)
    {
        long floats = 4 * ParameterCount();
        return stateBytes < floats || stateBytes > floats + StateOverheadBytes
            ? $"a {this} VRNN has {floats} bytes of float32 parameters, the state dict holds {stateBytes} bytes"
            : null;
    }

    /// <summary>"28-64-128-4" (symbols-features-hidden-latents).</summary>
    public override string ToString() => $"{Symbols}-{Features}-{Hidden}-{Latents}";
}

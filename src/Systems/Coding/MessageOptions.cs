// MessageOptions: what every codec facade reads back from a message the same way — coder, particles,
// chains, seed and weight precision from the shared keys, the format version, and a backend name this build knows — and the
// one translation of a malformed value into McbErrorKind.Corrupt. A facade adds its own keys and checks in
// the callback (the toy/user models: resampling, sequence length, kernel precision; the VAE: precisions,
// latents, image shape).
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Gpu;

namespace Engine.Systems.Coding;

/// <summary>Coder options read back from a message's shared parameter keys.</summary>
internal static class MessageOptions
{
    public const string ParticlesKey = "particles";
    public const string WeightPrecisionKey = "weight_precision";

    /// <summary>The shared options of <paramref name="m"/>, completed and checked by <paramref name="facade"/>.</summary>
    /// <exception cref="McbFormatException">A value is missing or malformed, or the facade refuses it (Corrupt).</exception>
    public static CoderOptions Read(McbMessage m, Func<CoderOptions, CoderOptions> facade)
    {
        try
        {
            var options = new CoderOptions
            {
                Kind = CoderNames.Parse(m.Coder),
                Particles = Int(m, ParticlesKey),
                Chains = m.ChainCount,
                Seed = m.Seed,
                WeightPrecision = Int(m, WeightPrecisionKey),
                FormatVersion = m.FormatVersion,
            };
            if (!BackendKinds.TryParse(m.Backend, out BackendKind written) || written == BackendKind.Auto)
                throw new FormatException($"Backend '{m.Backend}' is not a backend this build knows.");
            return facade(options);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's coder parameters are invalid: {e.Message}", e);
        }
    }

    /// <summary>The text of parameter <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The message has no such parameter.</exception>
    public static string Text(McbMessage m, string key) =>
        m.CoderParameters.TryGetValue(key, out string? v) ? v : throw new KeyNotFoundException($"Missing coder parameter '{key}'.");

    /// <summary>Parameter <paramref name="key"/> as a non-negative decimal integer.</summary>
    public static int Int(McbMessage m, string key) => int.Parse(Text(m, key), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Throws unless parameter <paramref name="key"/> is <paramref name="value"/> (a constant of this build or the model).</summary>
    /// <exception cref="FormatException">It differs (MessageOptions.Read turns that into Corrupt).</exception>
    public static void Expect(McbMessage m, string key, int value)
    {
        int v = Int(m, key);
        if (v != value) throw new FormatException($"'{key}' is {v}; this build and model use {value} here.");
    }

    /// <summary>An integer as a parameter value.</summary>
    public static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}

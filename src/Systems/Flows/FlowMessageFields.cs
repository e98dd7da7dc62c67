// FlowMessageFields: what a local bits-back message says about its coder (docs/format.md, "Flow messages"): the coder name
// (LBB-BitSwap, LBB-Naive, LBB-IS, LBB-CIS), the options that shape every table (sigma, the three grids, the particles) and the model's shape (dimensions,
// layers, index dimensions, symbol bits), which decode compares with the model it is given. Everything read here is
// untrusted: a missing or malformed field is McbErrorKind.Corrupt, a shape that differs from the model's ModelMismatch.
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Modeling.Flows;

namespace Engine.Systems.Flows;

/// <summary>Writes and reads the coder fields of local bits-back messages.</summary>
internal static class FlowMessageFields
{
    public const string BitSwapName = "LBB-BitSwap";
    public const string NaiveName = "LBB-Naive";
    public const string ImportanceName = "LBB-IS";
    public const string CoupledName = "LBB-CIS";

    private const string SigmaKey = "sigma_bits", GridKey = "grid_bits", IndexGridKey = "index_grid_bits", DequantKey = "dequant_bits",
        ParticlesKey = "particles", DimsKey = "dims", LayersKey = "layers", IndexDimsKey = "index_dims", SymbolBitsKey = "symbol_bits";

    public static string Name(FlowCoderKind kind) => kind switch
    {
        FlowCoderKind.BitSwap => BitSwapName,
        FlowCoderKind.Naive => NaiveName,
        FlowCoderKind.ImportanceSampling => ImportanceName,
        _ => CoupledName,
    };

    public static bool IsFlowCoder(string coder) => coder is BitSwapName or NaiveName or ImportanceName or CoupledName;

    public static Dictionary<string, string> Parameters(FlowOptions o, CifShape shape)
    {
        static string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SigmaKey] = S(o.SigmaBits), [GridKey] = S(o.GridBits), [IndexGridKey] = S(o.IndexGridBits), [DequantKey] = S(o.DequantBits),
            [ParticlesKey] = S(o.Particles), [DimsKey] = S(shape.Dims), [LayersKey] = S(shape.Layers), [IndexDimsKey] = S(shape.IndexDims), [SymbolBitsKey] = S(shape.SymbolBits),
        };
    }

    /// <summary>The options <paramref name="m"/> was coded with, after checking its shape fields against <paramref name="shape"/>.</summary>
    /// <exception cref="McbFormatException">Not a flow message, a field missing or malformed (Corrupt), or another shape (ModelMismatch).</exception>
    public static FlowOptions Read(McbMessage m, CifShape shape)
    {
        FlowCoderKind kind = m.Coder switch
        {
            BitSwapName => FlowCoderKind.BitSwap,
            NaiveName => FlowCoderKind.Naive,
            ImportanceName => FlowCoderKind.ImportanceSampling,
            CoupledName => FlowCoderKind.CoupledImportanceSampling,
            _ => throw new McbFormatException(McbErrorKind.Corrupt, $"'{UntrustedText.Excerpt(m.Coder)}' is not a local bits-back coder."),
        };
        (string Key, int Mine)[] shapeFields = [(DimsKey, shape.Dims), (LayersKey, shape.Layers), (IndexDimsKey, shape.IndexDims), (SymbolBitsKey, shape.SymbolBits)];
        foreach ((string key, int mine) in shapeFields)
        {
            int written = Int(m, key);
            if (written != mine)
                throw new McbFormatException(McbErrorKind.ModelMismatch, $"The message was coded with {key} = {written}; the model has {mine}.");
        }
        var options = new FlowOptions
        {
            Coder = kind, SigmaBits = Int(m, SigmaKey), GridBits = Int(m, GridKey), IndexGridBits = Int(m, IndexGridKey),
            DequantBits = Int(m, DequantKey), Particles = Int(m, ParticlesKey), Chains = m.ChainCount, Seed = m.Seed,
        };
        try
        {
            options.Validate(shape.SymbolBits);
        }
        catch (ArgumentException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's coder parameters are invalid: {e.Message}", e);
        }
        return options;
    }

    private static int Int(McbMessage m, string key)
    {
        if (!m.CoderParameters.TryGetValue(key, out string? text))
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message has no '{key}' coder parameter.");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's '{key}' is '{UntrustedText.Excerpt(text)}', not a count.");
        return v;
    }
}

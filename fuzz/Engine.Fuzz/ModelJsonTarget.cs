// ModelJsonTarget: the JSON model-file reader (`mcbits compress/decompress --model file.json`). Expected
// refusal: ModelFileException. An accepted file must be a working model, so one unit is sampled from it and
// its exact bound computed (both walk every table the reader built).
using Engine.Modeling.Discrete;

namespace Engine.Fuzz;

/// <summary>Fuzz target for <see cref="DiscreteModelFile"/>.</summary>
public sealed class ModelJsonTarget : FuzzTarget
{
    /// <inheritdoc />
    public override string Name => "model-json";

    /// <inheritdoc />
    public override long MaxAllocatedBytes => 64L << 20;

    /// <inheritdoc />
    protected override void Read(byte[] input)
    {
        DiscreteModel model = DiscreteModelFile.Parse(input);
        byte[] unit = model.Sample(1, seed: 1);
        if (unit.Length != model.SequenceLength)
            throw new FuzzFindingException($"model-json: a sample has {unit.Length} symbols, the model says {model.SequenceLength}.");
        double bits = model.IdealBits(unit);
        if (!double.IsFinite(bits) || bits < 0)
            throw new FuzzFindingException($"model-json: a sampled unit has -log2 p = {bits}.");
    }

    /// <inheritdoc />
    protected override bool IsTypedError(Exception e) => e is ModelFileException;
}

// SlotColumns: a read-only view of per-particle values in the coders' layout — chain fastest, then slot (particle),
// then dimension (or state word), each with its own stride — the one place the batches slice it, so value d of
// particle i on chain q is Column(i, d, count)[q]. Empty when the input does not apply (parents at t = 0).
namespace Engine.Modeling;

internal readonly ref struct SlotColumns
{
    private readonly ReadOnlySpan<int> _values;
    private readonly int _slotStride, _dimStride;

    public SlotColumns(ReadOnlySpan<int> values, int slotStride, int dimStride)
    {
        _values = values;
        _slotStride = slotStride;
        _dimStride = dimStride;
    }

    public bool IsEmpty => _values.IsEmpty;

    /// <summary>Value <paramref name="d"/> of particle <paramref name="slot"/> on <paramref name="count"/> chains (empty when <see cref="IsEmpty"/>).</summary>
    public ReadOnlySpan<int> Column(int slot, int d, int count) =>
        _values.IsEmpty ? default : _values.Slice(slot * _slotStride + d * _dimStride, count);
}

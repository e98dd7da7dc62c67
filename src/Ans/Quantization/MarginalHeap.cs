// MarginalHeap: a binary min-heap of symbol indices keyed by a double with ties broken by the lower
// index, over caller-provided (pooled) arrays, so the optimal quantiser allocates nothing per call.
namespace Engine.Ans.Quantization;

internal ref struct MarginalHeap
{
    private readonly Span<int> _items;
    private readonly Span<double> _keys; // key per symbol index
    private int _count;

    public MarginalHeap(Span<int> items, Span<double> keys)
    {
        _items = items;
        _keys = keys;
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly int Peek => _items[0];

    public void Push(int symbol, double key)
    {
        _keys[symbol] = key;
        int i = _count++;
        _items[i] = symbol;
        SiftUp(i);
    }

    public int Pop()
    {
        int top = _items[0];
        _items[0] = _items[--_count];
        if (_count > 0)
            SiftDown(0);
        return top;
    }

    private readonly bool Less(int a, int b)
    {
        double ka = _keys[a], kb = _keys[b];
        return ka < kb || (ka == kb && a < b);
    }

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(_items[i], _items[parent]))
                break;
            (_items[i], _items[parent]) = (_items[parent], _items[i]);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, smallest = i;
            if (l < _count && Less(_items[l], _items[smallest]))
                smallest = l;
            if (l + 1 < _count && Less(_items[l + 1], _items[smallest]))
                smallest = l + 1;
            if (smallest == i)
                return;
            (_items[i], _items[smallest]) = (_items[smallest], _items[i]);
            i = smallest;
        }
    }
}

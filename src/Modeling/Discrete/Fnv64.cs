// FNV-1a 64-bit hash over the integers that define a toy model: its fingerprint. Not cryptographic; it
// only has to change whenever any table entry, size or precision changes, so decode can refuse a message
// made with a different model.
namespace Engine.Modeling.Discrete;

/// <summary>Incremental FNV-1a (64-bit) over little-endian integers.</summary>
internal struct Fnv64
{
    private ulong _hash;

    public Fnv64() => _hash = 0xCBF29CE484222325UL;

    public readonly ulong Value => _hash;

    public void Add(uint value)
    {
        for (int i = 0; i < 4; i++)
        {
            _hash ^= (byte)(value >> (8 * i));
            _hash *= 0x100000001B3UL;
        }
    }

    public void Add(string text)
    {
        foreach (char c in text) Add(c);
        Add(0xFFFFFFFFu);
    }
}

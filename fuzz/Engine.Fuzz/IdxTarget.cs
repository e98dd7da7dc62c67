// IdxTarget: the IDX reader (Fashion-MNIST files and the images `mcbits compress --model x.ckpt` reads), plain
// or gzip-wrapped. Expected refusal: IdxFormatException. The element cap is lowered to 2^22 for fuzzing (the
// library default is 2^28) so the allocation cap can prove the reader never allocates beyond about twice what
// it is allowed to return, whatever the header claims or a gzip stream expands to.
using Engine.Models.Data;

namespace Engine.Fuzz;

/// <summary>Fuzz target for <see cref="IdxReader"/>.</summary>
public sealed class IdxTarget : FuzzTarget
{
    /// <summary>Largest body accepted while fuzzing.</summary>
    public const long MaxElements = 1L << 22;

    /// <inheritdoc />
    public override string Name => "idx";

    /// <inheritdoc />
    public override long MaxAllocatedBytes => 2 * MaxElements + (4L << 20);

    /// <inheritdoc />
    protected override void Read(byte[] input)
    {
        IdxArray array = IdxReader.Read(new MemoryStream(input, writable: false), "input", expectedRank: null, MaxElements);
        long product = 1;
        foreach (int d in array.Dimensions) product *= d;
        if (product != array.Data.LongLength || product > MaxElements)
            throw new FuzzFindingException($"idx: the array holds {array.Data.LongLength} bytes for dimensions [{string.Join(", ", array.Dimensions)}].");
    }

    /// <inheritdoc />
    protected override bool IsTypedError(Exception e) => e is IdxFormatException;
}

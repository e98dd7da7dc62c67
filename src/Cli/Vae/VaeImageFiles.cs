// VaeImageFiles: the IDX side of `mcbits compress --model x.ckpt` / `decompress`. Compress reads an IDX
// image file (rank 3: count × rows × cols, unsigned bytes, plain or .gz) and binarises it with the
// checkpoint's own rule (VaeModel.Prepare), so a Fashion-MNIST file codes exactly the images the model was
// scored on. Decompress writes the decoded binary images as an IDX file of 0 / 255 bytes: viewable, and
// both binarisation rules map 0 → 0 and 255 → 1, so compressing that file again codes the same images.
using Engine.Models.Data;
using Engine.Models.Neural;

namespace Engine.Cli.Vae;

/// <summary>Reads images to compress and writes decompressed ones, as IDX files.</summary>
internal static class VaeImageFiles
{
    /// <summary>Reads an IDX image file and binarises it as <paramref name="model"/> expects.</summary>
    /// <exception cref="IdxFormatException">The file is not a rank-3 unsigned-byte IDX file.</exception>
    /// <exception cref="ArgumentException">The images are not the model's size.</exception>
    public static BinaryImages Read(string path, VaeModel model, int? limit = null)
    {
        IdxArray idx = IdxReader.Read(path, expectedRank: 3);
        int n = idx.Dimensions[0], rows = idx.Dimensions[1], cols = idx.Dimensions[2];
        var images = new ImageSet(rows, cols, idx.Data, new byte[n], Enumerable.Range(0, n).ToArray());
        if (limit is int l) images = images.Take(l);
        return model.Prepare(images);
    }

    /// <summary>Writes binary images as an IDX file of 0 / 255 bytes (gzip when the path ends in .gz).</summary>
    public static void Write(string path, BinaryImages images)
    {
        var bytes = new byte[images.Bits.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = images.Bits[i] != 0 ? (byte)255 : (byte)0;
        IdxReader.Write(path, new IdxArray([images.Count, images.Rows, images.Cols], bytes), path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
    }
}

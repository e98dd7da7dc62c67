// GoldenCoding: encodes and decodes a golden case through the public codec facades, reading its input
// from the committed files (never regenerating it), so a golden test checks exactly what a user's old
// message would meet. The case's options carry its format version, so the encode writes that version. The VAE cases run libtorch on one thread, as the CLI does, because the message
// records the network backend (thread count included) and decode refuses another.
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Toy;
using Engine.Systems.Vae;
using TorchSharp;

namespace Engine.Systems.Tests.Golden;

internal static class GoldenCoding
{
    /// <summary>Side of the synthetic VAE images (8 x 8 binary pixels).</summary>
    public const int VaeSide = 8;

    private static readonly Lazy<VaeModel> LazyVae = new(() =>
    {
        torch.set_num_threads(1);
        return VaeModel.Load(Path.Combine(GoldenSet.InputDirectory, GoldenSet.VaeModel));
    });

    /// <summary>The case's input in <paramref name="inputDirectory"/> (the committed one: <see cref="GoldenSet.InputDirectory"/>).</summary>
    public static string InputPath(GoldenCase c, string? inputDirectory = null) => Path.Combine(inputDirectory ?? GoldenSet.InputDirectory, c.InputStem + ".input");

    /// <summary>The case's message in <paramref name="directory"/> (the committed one: its version's <see cref="GoldenSet.Directory"/>).</summary>
    public static string MessagePath(GoldenCase c, string? directory = null) => Path.Combine(directory ?? GoldenSet.Directory(c.Version), c.Name + ".mcb");

    /// <summary>The committed VAE checkpoint, loaded once.</summary>
    public static VaeModel Vae => LazyVae.Value;

    /// <summary>Encodes <paramref name="input"/> as the case says (VAE: with <paramref name="vae"/>).</summary>
    public static McbMessage Encode(GoldenCase c, byte[] input, VaeModel? vae = null)
    {
        if (!c.IsVae) return McBitsCodec.Encode(input, TestModels.Get(c.Model), c.Options).Message;
        torch.set_num_threads(1);
        return VaeCodec.Encode(Images(input), vae ?? Vae, c.Options, c.Grid).Message;
    }

    /// <summary>Decodes a golden message with the model its case names.</summary>
    public static byte[] Decode(GoldenCase c, McbMessage message)
    {
        if (!c.IsVae) return McBitsCodec.Decode(message, TestModels.Get(c.Model));
        torch.set_num_threads(1);
        return VaeCodec.Decode(message, Vae).Data;
    }

    /// <summary>The case's input as a fresh sample (used only by the writer).</summary>
    public static byte[] Sample(GoldenCase c) => c.IsVae
        ? Vae8x8(c.Units, c.DataSeed)
        : TestModels.Get(c.Model).Sample(c.Units, c.DataSeed);

    public static BinaryImages Images(byte[] bits)
    {
        int n = bits.Length / (VaeSide * VaeSide);
        return new BinaryImages(VaeSide, VaeSide, bits, new byte[n], Enumerable.Range(0, n).ToArray());
    }

    private static byte[] Vae8x8(int count, ulong seed) => Engine.Systems.Tests.Vae.TinyVae.Images(count, seed).Bits;
}

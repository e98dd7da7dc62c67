// CheckpointMagic: how `--model x.ckpt` tells a CIF or VRNN checkpoint from a VAE's — by the first bytes of the file (each kind's
// magic, CheckpointContainer), never by its name. An unreadable file is no kind's: loading it then reports why.
namespace Engine.Cli.Vae;

internal static class CheckpointMagic
{
    /// <summary>True when the file at <paramref name="path"/> starts with <paramref name="magic"/>.</summary>
    public static bool Matches(string path, ReadOnlySpan<byte> magic)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[magic.Length];
            return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

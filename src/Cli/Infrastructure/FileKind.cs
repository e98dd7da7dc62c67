// FileKind: what kind of file a path names, from Linux's statx (its struct layout is the same on every
// architecture, unlike stat's). AtomicFile needs it to tell a regular file it may rename over from a
// character device or FIFO it must write directly; .NET's FileInfo does not expose the file type.
// On other systems, or when statx is missing, every existing non-directory counts as regular.
using System.Runtime.InteropServices;

namespace Engine.Cli.Infrastructure;

/// <summary>The type of an existing path.</summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;   // stx_mode (u16) in struct statx
    private const int StructSize = 256;
    private const int TypeMask = 0xF000; // S_IFMT
    private const int Regular = 0x8000;  // S_IFREG
    private const int Directory = 0x4000; // S_IFDIR

    /// <summary>True when <paramref name="path"/> exists (following links) and is neither a regular file nor a directory.</summary>
    public static bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var buffer = new byte[StructSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        int type = BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask;
        return type != Regular && type != Directory;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
}

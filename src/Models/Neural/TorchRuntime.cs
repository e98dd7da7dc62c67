// Loads libtorch (CPU) once and says clearly what is wrong when it cannot.
// The GLIBCXX fix of docs/architecture.md#native-libtorch-on-debian-12 is applied by the build (build/TorchSharpNativeFix.targets).
using TorchSharp;

namespace Engine.Models.Neural;

/// <summary>One place that initialises TorchSharp's native CPU backend.</summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _ready;

    /// <summary>Loads libtorch and fixes the thread count and default dtype; safe to call many times.</summary>
    /// <exception cref="InvalidOperationException">libtorch or its shim could not be loaded.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_ready) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
            {
                throw new InvalidOperationException(
                    "libtorch could not be loaded. The build marks GLIBCXX_3.4.32 weak in libLibTorchSharp.so " +
                    "(build/TorchSharpNativeFix.targets); rebuild the project so that step runs. Cause: " + e.Message, e);
            }
            torch.set_default_dtype(torch.float32);
            GlibcMalloc.PinMmapThreshold(); // keeps training/evaluation RSS flat (see GlibcMalloc)
            _ready = true;
        }
    }
}

// KeptScalars: the constants our networks multiply, divide and add, as TorchSharp Scalars rooted for the life of the process.
// TorchSharp 0.107's operators turn a float operand into a Scalar that nothing references once its native handle is read, so the
// garbage collector may finalize (free) it while the native call still uses it: a CIF coding run of 200 images failed about one
// time in two with libtorch's "toFloat ... Expected false to be true". Network code passes these instead of bare numbers.
using TorchSharp;

namespace Engine.Models.Neural;

/// <summary>Process-lifetime Scalars for tensor arithmetic.</summary>
internal static class KeptScalars
{
    public static readonly Scalar One = 1f.ToScalar();
    public static readonly Scalar Three = 3f.ToScalar();
    public static readonly Scalar MaxLogScale = CifNetwork.MaxLogScale.ToScalar();
    public static readonly Scalar MinusHalf = (-0.5f).ToScalar();
    public static readonly Scalar HalfLn2Pi = 0.91893853320467274f.ToScalar();
    public static readonly Scalar Epsilon = 1e-12f.ToScalar();
}

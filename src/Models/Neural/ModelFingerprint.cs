// A model's fingerprint: SHA-256 (lower-case hex) over every parameter in named_parameters order,
// each as its UTF-8 name, a 0 byte, its rank and sizes (int64 little-endian), then its float32
// bytes (little-endian). Names and shapes are in the hash so that a re-laid-out network with the
// same numbers does not collide. Every message records it; decode refuses a different model.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Computes the fingerprint of a TorchSharp module's parameters.</summary>
public static class ModelFingerprint
{
    /// <summary>SHA-256 over names, shapes and float32 values of all parameters, as 64 lower-case hex digits.</summary>
    /// <exception cref="InvalidOperationException">A parameter is not float32.</exception>
    public static string Compute(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[8];
        foreach (var (name, p) in module.named_parameters())
        {
            if (p.dtype != ScalarType.Float32)
                throw new InvalidOperationException($"Parameter {name} is {p.dtype}; fingerprints are defined for float32 models.");
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            BinaryPrimitives.WriteInt64LittleEndian(word, p.shape.Length);
            hash.AppendData(word);
            foreach (long d in p.shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(word, d);
                hash.AppendData(word);
            }
            using Tensor detached = p.detach();
            using Tensor c = detached.contiguous();
            // float32 storage is little-endian on every platform libtorch runs on (x86-64, arm64).
            hash.AppendData(c.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

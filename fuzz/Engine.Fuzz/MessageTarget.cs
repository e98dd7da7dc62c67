// MessageTarget: the .mcb message reader plus the full decode `mcbits decompress` runs on what it reads. The
// model is the one the message names: a toy model rebuilt from its description, the example JSON HMM for a
// "json-…" message, the golden set's tiny VAE for a "vae …" message (libtorch, one thread). Expected refusal:
// McbFormatException (every kind). Decoding runs under a fuzzing budget far below the CLI's default (2^16
// particle-steps and 2^12 live particles instead of 2^25 and 2^20) so one input stays within milliseconds;
// the reader's limits are the defaults. A message that decodes must give data of the length it declares.
// A mutated message almost never keeps a valid frame checksum (XXH64 over the whole frame), which would stop
// afl at the checksum; so an input whose checksum is wrong is run twice: as it is (refused at the checksum or
// earlier) and resealed with the right checksum, which takes the field checks and the decoder further.
using System.Buffers.Binary;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;
using Engine.Modeling.Discrete;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Vae;
using TorchSharp;

namespace Engine.Fuzz;

/// <summary>Fuzz target for <see cref="McbMessageFile"/> and the decoders (<see cref="McBitsCodec"/>, <see cref="VaeCodec"/>).</summary>
public sealed class MessageTarget : FuzzTarget, IDisposable
{
    /// <summary>The decode budget while fuzzing.</summary>
    public static DecodeBudget Budget { get; } = new() { MaxWork = 1L << 16, MaxLiveParticles = 1L << 12 };

    private readonly Lazy<VaeModel> _vae = new(LoadVae);
    private readonly DiscreteModel _json = DiscreteModelFile.Read(ModelPath("weather-hmm.json"));
    private readonly IRansBackend _backend = BackendFactory.Create(BackendKind.Cpu);

    /// <inheritdoc />
    public override string Name => "message";

    /// <inheritdoc />
    public override long MaxAllocatedBytes => 64L << 20;

    /// <inheritdoc />
    protected override void Read(byte[] input)
    {
        byte[]? resealed = Resealed(input);
        if (resealed is null)
        {
            Decode(input);
            return;
        }
        try
        {
            Decode(input);
        }
        catch (McbFormatException)
        {
            // Expected: the frame checksum no longer matches. The resealed copy takes the reader further.
        }
        Decode(resealed);
    }

    /// <summary>A copy of <paramref name="input"/> whose trailing frame checksum (0xCF + 8 bytes big-endian) is recomputed
    /// over the bytes before it, or null when the input has no such trailer or it already matches.</summary>
    public static byte[]? Resealed(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length < 10 || input[^9] != 0xCF) return null;
        ulong frame = DataChecksum.Compute(input.AsSpan(0, input.Length - 9));
        if (BinaryPrimitives.ReadUInt64BigEndian(input.AsSpan(input.Length - 8)) == frame) return null;
        byte[] copy = (byte[])input.Clone();
        BinaryPrimitives.WriteUInt64BigEndian(copy.AsSpan(copy.Length - 8), frame);
        return copy;
    }

    private void Decode(byte[] input)
    {
        McbMessage message = McbMessageFile.Read(new MemoryStream(input, writable: false));
        using IDisposable scope = DecodeBudget.Use(Budget);
        byte[] data;
        if (VaeCodec.IsVaeMessage(message))
        {
            data = VaeCodec.Decode(message, _vae.Value, _backend).Data;
        }
        else
        {
            ILatentModel model = DiscreteModelFile.IsFileModelDescription(message.Model) ? _json : McBitsCodec.ModelOf(message);
            data = McBitsCodec.DecodeDetailed(message, model, backend: _backend, threads: 1).Data;
        }
        long declared = message.SymbolCounts.Sum();
        if (data.LongLength != declared)
            throw new FuzzFindingException($"message: decoded {data.LongLength} symbols, the message declares {declared}.");
    }

    /// <inheritdoc />
    protected override bool IsTypedError(Exception e) => e is McbFormatException;

    /// <inheritdoc />
    public void Dispose()
    {
        _backend.Dispose();
        if (_vae.IsValueCreated) _vae.Value.Dispose();
    }

    private static VaeModel LoadVae()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
        return VaeModel.Load(ModelPath("vae-tiny.ckpt"));
    }

    private static string ModelPath(string file) => Path.Combine(AppContext.BaseDirectory, "models", file);
}

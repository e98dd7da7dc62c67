// McBitsEncoder: a streaming encoder for a simulation that produces units tick by tick. Built once per
// model × options × frame capacity, it owns the coder's world, schedule, model session, rANS lanes, worker
// threads and a frame buffer; Append copies whole units into the frame, Flush codes the pending units and
// writes one message (the .mcb layout) into a buffer it reuses. A frame is coded exactly as
// McBitsCodec.Encode codes the same units — the same contiguous split over the chains (the first
// units % B chains take one unit more), the same seed — so its bytes are that message's bytes, and
// McBitsCodec.Decode (or an McBitsDecoder) reads it. Frames written one after another make a stream
// (McbMessageFile.ReadFrames splits it). Once the tails have grown to the frame's size nothing is allocated:
// not per unit, not per frame (the lanes, the checksum and the writer reuse their buffers).
// Not thread-safe: one thread appends and flushes (the coder's own workers run inside Flush).
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems;

/// <summary>Encodes a stream of units frame by frame, reusing everything between frames.</summary>
public sealed class McBitsEncoder : IDisposable
{
    private readonly CoderRunner _runner;
    private readonly McbMessageWriter _writer;
    private readonly IRansBackend _backend;
    private readonly bool _ownsBackend;
    private readonly byte[] _frame;
    private readonly int[] _counts;
    private readonly long[] _symbolCounts;
    private readonly long[] _dimensions;
    private readonly int _unit, _alphabet, _formatVersion;
    private bool _disposed;

    /// <summary>An encoder for frames of up to <paramref name="frameUnits"/> units of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the frame capacity is negative or too large.</exception>
    /// <exception cref="NotSupportedException">The coder cannot run on this model.</exception>
    public McBitsEncoder(ILatentModel model, CoderOptions options, int frameUnits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model);
        ModelShape shape = model.Shape;
        _unit = shape.SymbolsPerUnit;
        _alphabet = shape.SymbolCount;
        if (frameUnits < 0 || (long)frameUnits * _unit > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(frameUnits), frameUnits, $"A frame holds 0 to {Array.MaxLength / _unit} units of {_unit} symbols.");
        Model = model;
        Options = options;
        FrameUnits = frameUnits;
        _formatVersion = options.FormatVersion;
        _frame = new byte[frameUnits * _unit];
        _counts = new int[options.Chains];
        _symbolCounts = new long[options.Chains];
        int[] unitShape = McBitsCodec.UnitShape(model);
        _dimensions = new long[1 + unitShape.Length];
        for (int i = 0; i < unitShape.Length; i++) _dimensions[1 + i] = unitShape[i];
        _ownsBackend = options.Backend is null;
        _backend = options.Backend ?? new CpuBackend();
        try
        {
            _runner = new CoderRunner(model, options, _backend, new RansLanes(options.Chains, options.Seed), CouplingScheme.Standard);
            _writer = new McbMessageWriter(_formatVersion, CoderNames.ToName(options.Kind), McBitsCodec.Parameters(options, shape.Steps),
                model.Identity.Description, McBitsCodec.FingerprintBytes(model), _backend.Name, options.Chains, options.Seed,
                CodecRun.WithBackend(null, model.Identity.NumericBackend));
        }
        catch
        {
            _runner?.Dispose();
            if (_ownsBackend) _backend.Dispose();
            throw;
        }
    }

    /// <summary>The model every frame is coded with.</summary>
    public ILatentModel Model { get; }

    /// <summary>The options every frame is coded with (their <see cref="CoderOptions.Progress"/> is told each frame's progress).</summary>
    public CoderOptions Options { get; }

    /// <summary>Most units one frame holds.</summary>
    public int FrameUnits { get; }

    /// <summary>Units appended since the last flush or reset.</summary>
    public int PendingUnits { get; private set; }

    /// <summary>Frames flushed so far.</summary>
    public long Frames { get; private set; }

    /// <summary>The lanes' accounting of the last flushed frame, chain by chain (net, initial and total bits).</summary>
    public RansAccount Account(int chain) => _runner.Lanes.Account(chain);

    /// <summary>Appends whole units (each <see cref="ModelShape.SymbolsPerUnit"/> symbols below the model's alphabet size) to the frame.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A symbol is outside the alphabet (nothing is appended then).</exception>
    /// <exception cref="InvalidOperationException">The frame would exceed <see cref="FrameUnits"/>: flush first.</exception>
    public void Append(ReadOnlySpan<byte> symbols)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (symbols.Length % _unit != 0)
            throw new ArgumentException($"The model codes units of {_unit} symbols; {symbols.Length} symbols is not a multiple.", nameof(symbols));
        int units = symbols.Length / _unit;
        if (units > FrameUnits - PendingUnits)
            throw new InvalidOperationException($"The frame holds {FrameUnits} units and has {PendingUnits}; {units} more do not fit. Flush first.");
        int bad = _alphabet > byte.MaxValue ? -1 : symbols.IndexOfAnyInRange((byte)_alphabet, byte.MaxValue);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(symbols), $"Symbol {symbols[bad]} at {bad} is outside the model's alphabet of {_alphabet}.");
        symbols.CopyTo(_frame.AsSpan(PendingUnits * _unit));
        PendingUnits += units;
    }

    /// <summary>Codes the pending units into one message and starts a new frame. The bytes (an .mcb message, the one
    /// <see cref="McBitsCodec.Encode"/> writes for the same units and options) stay valid until the next Flush.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired; the pending units are kept, so Flush may be called again.</exception>
    public ReadOnlyMemory<byte> Flush(CancellationToken cancel = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int units = PendingUnits;
        CoderRunner.SplitUnits(units, _counts);
        _runner.Encode(_counts, _frame, cancel);
        for (int b = 0; b < _counts.Length; b++) _symbolCounts[b] = (long)_counts[b] * _unit;
        _dimensions[0] = units;
        ulong checksum = OutputChecksum.Compute(_formatVersion, _dimensions, _frame.AsSpan(0, units * _unit));
        ReadOnlyMemory<byte> message = _writer.Write(_symbolCounts, _runner.Lanes, checksum);
        PendingUnits = 0;
        Frames++;
        return message;
    }

    /// <summary>Drops the pending units.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PendingUnits = 0;
    }

    /// <summary>Stops the workers and releases the model session (and the backend the encoder created).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _runner.Dispose();
        if (_ownsBackend) _backend.Dispose();
    }
}

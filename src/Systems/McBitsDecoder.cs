// McBitsDecoder: the streaming decoder's half of McBitsEncoder. Built once per model, it keeps the coder's
// world, schedule, session, workers and decoder-mode lanes between messages and rebuilds them only when a
// message asks for other coder options (coder, N, chains, resampling, weight precision, format version); the
// seed may change from message to message (the lanes reload it). Each message goes through the same checks as
// McBitsCodec.Decode — decode budget, model identity and numerical backend, parameters, per-chain counts,
// then the final-state and checksum verification — and returns the same bytes, units in append order.
// Not thread-safe.
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems;

/// <summary>Decodes message after message of one model, reusing the coder between them.</summary>
public sealed class McBitsDecoder : IDisposable
{
    private readonly IRansBackend _backend;
    private readonly bool _ownsBackend;
    private readonly int _threads;
    private readonly int[] _unitShape;
    private CoderRunner? _runner;
    private CoderOptions? _runnerOptions;
    private bool _disposed;

    /// <summary>A decoder for messages written with <paramref name="model"/>. Null <paramref name="backend"/> runs a <c>cpu</c> backend the
    /// decoder owns; <paramref name="threads"/> is <see cref="CoderOptions.Threads"/> (the output never depends on it).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is outside [0, <see cref="CoderOptions.MaxThreads"/>].</exception>
    public McBitsDecoder(ILatentModel model, IRansBackend? backend = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (threads < 0 || threads > CoderOptions.MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"threads must be in [0, {CoderOptions.MaxThreads}].");
        Model = model;
        _threads = threads;
        _unitShape = McBitsCodec.UnitShape(model);
        _ownsBackend = backend is null;
        _backend = backend ?? new CpuBackend();
    }

    /// <summary>The model every message must name.</summary>
    public ILatentModel Model { get; }

    /// <summary>Messages decoded so far.</summary>
    public long Messages { get; private set; }

    /// <summary>Decodes one message (of this model) into a new array, units in the order they were appended.</summary>
    /// <exception cref="McbFormatException">Wrong model, malformed parameters, corrupt state, or a failed integrity check.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired.</exception>
    public byte[] Decode(McbMessage message, CancellationToken cancel = default)
    {
        (CoderRunner runner, int units) = Prepare(message);
        var data = new byte[checked(units * Model.Shape.SymbolsPerUnit)];
        Run(runner, message, units, data, cancel);
        return data;
    }

    /// <summary>Decodes one message into <paramref name="destination"/> (reused by the caller; at least the message's units ×
    /// symbols per unit long) and returns the number of units decoded.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short for the message.</exception>
    /// <exception cref="McbFormatException">Wrong model, malformed parameters, corrupt state, or a failed integrity check.</exception>
    public int Decode(McbMessage message, byte[] destination, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        (CoderRunner runner, int units) = Prepare(message);
        if ((long)units * Model.Shape.SymbolsPerUnit > destination.Length)
            throw new ArgumentException($"The message holds {units} units; the buffer has room for {destination.Length / Model.Shape.SymbolsPerUnit}.", nameof(destination));
        Run(runner, message, units, destination, cancel);
        return units;
    }

    private (CoderRunner Runner, int Units) Prepare(McbMessage message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(message);
        (CoderOptions options, int units) = McBitsCodec.CheckMessage(message, Model);
        options = options with { Threads = _threads, Backend = _backend };
        bool rebuild = _runner is null || !SameCoder(_runnerOptions!, options);
        try
        {
            if (rebuild)
            {
                _runner?.Dispose();
                _runner = null;
                _runner = new CoderRunner(Model, options, _backend, message.ToLanes(), CouplingScheme.Standard);
                _runnerOptions = options;
            }
            else _runner!.Lanes.Load(message.Seed, message.Heads, message.Tails);
        }
        catch (Exception e) when (e is MessageCorruptException or ArgumentException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "The message's rANS state is invalid: " + e.Message, e);
        }
        return (_runner!, units);
    }

    private void Run(CoderRunner runner, McbMessage message, int units, byte[] data, CancellationToken cancel)
    {
        int unit = Model.Shape.SymbolsPerUnit;
        runner.Decode(CoderRunner.SplitUnits(units, runner.Options.Chains), data, cancel);
        Span<long> dimensions = stackalloc long[1 + _unitShape.Length];
        dimensions[0] = units;
        for (int i = 0; i < _unitShape.Length; i++) dimensions[1 + i] = _unitShape[i];
        DecodeVerifier.Verify(runner.Lanes, message, dimensions, data.AsSpan(0, units * unit));
        Messages++;
    }

    // What the coder's world and schedule are built from (the seed is the lanes' and may change).
    private static bool SameCoder(CoderOptions a, CoderOptions b) =>
        a.Kind == b.Kind && a.Particles == b.Particles && a.Chains == b.Chains && a.Resampling == b.Resampling &&
        a.WeightPrecision == b.WeightPrecision && a.FormatVersion == b.FormatVersion;

    /// <summary>Stops the workers and releases the model session (and the backend the decoder created).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _runner?.Dispose();
        if (_ownsBackend) _backend.Dispose();
    }
}

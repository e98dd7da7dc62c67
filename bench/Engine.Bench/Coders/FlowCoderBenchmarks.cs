// Flow coder speed: encode and decode time per unit (one vector of 16 symbols) of the local bits-back coders
// (FlowCodec) on a toy CIF of 16 dimensions, 4 layers, hidden 8 and 8-bit symbols, with one index dimension per
// layer and as the plain flow (0 index dimensions). Bit-Swap is each category's baseline; McBits over the index,
// LBB-IS(N), is measured at N = 1 (Bit-Swap's rate through the proposal / select / push-back passes, so its ratio is
// that machinery's cost) and N = 8 (about 1 + 3N walks per layer). Each invocation codes the same 256 units on 64
// chains (4 per chain; the flow passes run on one thread), so per-operation times and allocations are per unit.
// Decode is its own benchmark over the messages encoded (and round-tripped) in GlobalSetup. On the plain flow the
// IS coder has no index to sample and codes as Bit-Swap, so those rows measure the same work as their baseline.
// A short job keeps the run to minutes:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*FlowCoder*'
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Engine.Ans.Messages;
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Bench.Coders;

/// <summary>Per-unit encode/decode time of LBB-BitSwap and LBB-IS(1), LBB-IS(8) on a 16-dimension, 4-layer toy CIF.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MinColumn, MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FlowCoderBenchmarks
{
    /// <summary>Units (vectors of <see cref="Dims"/> symbols) coded per invocation.</summary>
    public const int Units = 256;

    /// <summary>Chains coded in lock-step.</summary>
    public const int Chains = 64;

    /// <summary>Dimensions of the toy CIF.</summary>
    public const int Dims = 16;

    /// <summary>Layers of the toy CIF.</summary>
    public const int Layers = 4;

    private ToyCif _model = null!;
    private byte[] _data = [];
    private FlowOptions _bitSwap = null!, _is1 = null!, _is8 = null!, _cis8 = null!;
    private McbMessage _bitSwapMessage = null!, _is1Message = null!, _is8Message = null!, _cis8Message = null!;

    /// <summary>Index dimensions per layer: 1 (a CIF) or 0 (the plain flow).</summary>
    [Params(1, 0)]
    public int IndexDims { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _model = new ToyCif(Dims, Layers, IndexDims, hidden: 8, symbolBits: 8, seed: 1);
        _data = _model.Sample(Units, seed: 1);
        _bitSwap = new FlowOptions { Coder = FlowCoderKind.BitSwap, Chains = Chains };
        _is1 = new FlowOptions { Coder = FlowCoderKind.ImportanceSampling, Particles = 1, Chains = Chains };
        _is8 = new FlowOptions { Coder = FlowCoderKind.ImportanceSampling, Particles = 8, Chains = Chains };
        _bitSwapMessage = EncodeChecked(_bitSwap);
        _is1Message = EncodeChecked(_is1);
        _is8Message = EncodeChecked(_is8);
        _cis8 = new FlowOptions { Coder = FlowCoderKind.CoupledImportanceSampling, Particles = 8, Chains = Chains };
        _cis8Message = EncodeChecked(_cis8);
    }

    // Encodes the data and makes sure the message decodes to it, so the decode benchmarks time a real round trip.
    private McbMessage EncodeChecked(FlowOptions options)
    {
        McbMessage message = FlowCodec.Encode(_data, _model, options).Message;
        if (!FlowCodec.Decode(message, _model).Data.AsSpan().SequenceEqual(_data))
            throw new InvalidOperationException($"{options.Coder} (N = {options.Particles}) does not round-trip.");
        return message;
    }

    [BenchmarkCategory("encode"), Benchmark(Baseline = true, OperationsPerInvoke = Units)]
    public McbMessage EncodeBitSwap() => FlowCodec.Encode(_data, _model, _bitSwap).Message;

    [BenchmarkCategory("encode"), Benchmark(OperationsPerInvoke = Units)]
    public McbMessage EncodeIs1() => FlowCodec.Encode(_data, _model, _is1).Message;

    [BenchmarkCategory("encode"), Benchmark(OperationsPerInvoke = Units)]
    public McbMessage EncodeIs8() => FlowCodec.Encode(_data, _model, _is8).Message;

    [BenchmarkCategory("encode"), Benchmark(OperationsPerInvoke = Units)]
    public McbMessage EncodeCis8() => FlowCodec.Encode(_data, _model, _cis8).Message;

    [BenchmarkCategory("decode"), Benchmark(Baseline = true, OperationsPerInvoke = Units)]
    public byte[] DecodeBitSwap() => FlowCodec.Decode(_bitSwapMessage, _model).Data;

    [BenchmarkCategory("decode"), Benchmark(OperationsPerInvoke = Units)]
    public byte[] DecodeIs1() => FlowCodec.Decode(_is1Message, _model).Data;

    [BenchmarkCategory("decode"), Benchmark(OperationsPerInvoke = Units)]
    public byte[] DecodeIs8() => FlowCodec.Decode(_is8Message, _model).Data;

    [BenchmarkCategory("decode"), Benchmark(OperationsPerInvoke = Units)]
    public byte[] DecodeCis8() => FlowCodec.Decode(_cis8Message, _model).Data;
}

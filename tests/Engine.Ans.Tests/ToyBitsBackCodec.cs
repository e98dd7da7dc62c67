// ToyBitsBackCodec: a small BB-ANS coder over RansLanes used to make real messages for the message
// and fuzz tests. Model: latent z in 0..7 with prior table P (prec 12), proposal Q (prec 10), data x in
// 0..31 with a per-z emission row (prec 14, coded through the per-lane-row API). Encode per symbol:
// pop z ~ Q, push x ~ E[z], push z ~ P; decode mirrors it. Chains have different lengths, so the
// coder works lane by lane through the firstLane overloads. The checksum treats the symbols (all below 32)
// as one byte each, a flat array of their total count, as the format's own data (OutputChecksum).
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

internal sealed class ToyBitsBackCodec
{
    public const int Latents = 8, Symbols = 32;
    private readonly CumulativeTable _prior, _proposal;
    private readonly uint[] _emissionRows; // Latents rows of Symbols + 1 entries
    private readonly byte[] _fingerprint;

    public ToyBitsBackCodec(int modelSeed)
    {
        var rng = new Random(modelSeed);
        _prior = RansLanesRoundTripTests.RandomTable(rng, Latents, 12);
        _proposal = RansLanesRoundTripTests.RandomTable(rng, Latents, 10);
        _emissionRows = new uint[Latents * (Symbols + 1)];
        for (int z = 0; z < Latents; z++)
        {
            var table = RansLanesRoundTripTests.RandomTable(rng, Symbols, 14);
            table.Cdf.CopyTo(_emissionRows.AsSpan(z * (Symbols + 1)));
        }
        _fingerprint = BitConverter.GetBytes(DataChecksum.Compute(_emissionRows.AsSpan().ToArray().SelectMany(BitConverter.GetBytes).ToArray()));
        ModelName = $"toy-bb-ans/{modelSeed}";
    }

    public string ModelName { get; }

    public byte[] Fingerprint => _fingerprint;

    public McbMessage Encode(int[][] chains, ulong seed, int version = McbMessage.CurrentVersion)
    {
        var lanes = new RansLanes(chains.Length, seed);
        Span<int> one = stackalloc int[1];
        for (int c = 0; c < chains.Length; c++)
        {
            foreach (int x in chains[c])
            {
                lanes.Pop(c, _proposal, one);
                int z = one[0];
                one[0] = x;
                lanes.Push(c, EmissionRow(z), Symbols, 14, one);
                one[0] = z;
                lanes.Push(c, _prior, one);
            }
        }
        byte[] data = Bytes(chains);
        return new McbMessage
        {
            FormatVersion = version,
            Coder = "BB-ANS",
            CoderParameters = new Dictionary<string, string> { ["latents"] = "8", ["precision"] = "14" },
            Model = ModelName,
            ModelFingerprint = _fingerprint,
            Backend = "cpu",
            SymbolCounts = chains.Select(ch => (long)ch.Length).ToArray(),
            Seed = seed,
            Heads = lanes.SnapshotHeads(),
            Tails = lanes.SnapshotTails(),
            DataChecksum = OutputChecksum.Compute(version, [data.Length], data),
            Extra = new Dictionary<string, string> { ["note"] = "test" },
        };
    }

    /// <summary>Decodes and verifies; throws McbFormatException on any failure.</summary>
    public int[][] Decode(McbMessage message)
    {
        DecodeVerifier.VerifyModel(message, ModelName, _fingerprint);
        RansLanes lanes = message.ToLanes();
        var chains = new int[message.ChainCount][];
        Span<int> one = stackalloc int[1];
        for (int c = 0; c < chains.Length; c++)
        {
            var data = new int[message.SymbolCounts[c]];
            for (int t = data.Length - 1; t >= 0; t--)
            {
                lanes.Pop(c, _prior, one);
                int z = one[0];
                lanes.Pop(c, EmissionRow(z), Symbols, 14, one);
                data[t] = one[0];
                one[0] = z;
                lanes.Push(c, _proposal, one);
            }
            chains[c] = data;
        }
        byte[] decoded = Bytes(chains);
        DecodeVerifier.Verify(lanes, message, [decoded.Length], decoded);
        return chains;
    }

    private static byte[] Bytes(int[][] chains) => chains.SelectMany(ch => ch).Select(x => (byte)x).ToArray();

    private ReadOnlySpan<uint> EmissionRow(int z) => _emissionRows.AsSpan(z * (Symbols + 1), Symbols + 1);

    public static int[][] RandomChains(Random rng, int chainCount, int maxLength)
    {
        var chains = new int[chainCount][];
        for (int c = 0; c < chainCount; c++)
        {
            chains[c] = new int[rng.Next(0, maxLength + 1)];
            for (int t = 0; t < chains[c].Length; t++)
                chains[c][t] = (int)Math.Min(Symbols - 1, Math.Floor(Math.Pow(rng.NextDouble(), 2) * Symbols));
        }
        return chains;
    }
}

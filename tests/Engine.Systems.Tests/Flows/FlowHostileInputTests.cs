// What a local bits-back decode does with a damaged or foreign message: every kind of damage (flipped head and tail bits,
// truncated, extended or swapped tails, another seed or checksum, doctored, missing or invalid coder parameters, another
// coder name, other symbol counts, another format version, single-bit flips and truncations of the file) fails with a typed
// McbFormatException whose Kind says what failed, never with another exception, a hang or wrong data; another toy CIF (seed,
// layers, dimensions, index, hidden units, symbol bits) or numeric backend is a ModelMismatch before any model session
// is opened; a decode budget below what the header claims is LimitExceeded, also before anything runs. Every decode here
// runs under a hang guard. Messages are small (12 units of 3 dimensions on 2 chains) so each test takes well under a second.
using Engine.Ans.Messages;
using Engine.Modeling;
using Engine.Modeling.Flows;
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class FlowHostileInputTests
{
    private static readonly ToyCif Model = new(3, 2, 1, seed: 4);
    private static readonly byte[] Data = Model.Sample(12, seed: 5);
    private static readonly Dictionary<FlowCoderKind, McbMessage> Encoded = [];

    /// <summary>What decoding can find when the data-carrying state is damaged: a pop off a tail or an impossible value (Corrupt),
    /// a chain not back at its seeded state (StateMismatch), or output that does not hash to the checksum (ChecksumMismatch).</summary>
    private static readonly McbErrorKind[] DamageKinds = [McbErrorKind.Corrupt, McbErrorKind.StateMismatch, McbErrorKind.ChecksumMismatch];

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static FlowOptions Options(FlowCoderKind coder) =>
        new() { Coder = coder, Chains = 2, Particles = coder.HasParticles() ? 4 : 1 };

    private static McbMessage Message(FlowCoderKind coder)
    {
        lock (Encoded)
        {
            if (!Encoded.TryGetValue(coder, out McbMessage? m))
                Encoded[coder] = m = FlowCodec.Encode(Data, Model, Options(coder)).Message;
            return m;
        }
    }

    [Test]
    public void TheUndamagedMessagesDecode([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        Assert.That(m.ChainCount, Is.EqualTo(2));
        Assert.That(Decode(m, Model), Is.EqualTo(Data));
        Assert.That(Decode(McbMessageFile.Read(McbMessageFile.ToBytes(m).AsMemory()), Model), Is.EqualTo(Data));
    }

    [Test]
    public void EveryFlippedTailBitFailsTyped([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        int tested = 0;
        for (int chain = 0; chain < m.ChainCount; chain++)
            for (int word = 0; word < m.Tails[chain].Length; word++)
                foreach (int bit in new[] { 0, 13, 31 })
                {
                    uint[][] tails = CloneTails(m);
                    tails[chain][word] ^= 1u << bit;
                    Assert.That(FailureOf(Copy(m, tails: tails)), Is.AnyOf(DamageKinds), $"chain {chain} word {word} bit {bit}");
                    tested++;
                }
        Assert.That(tested, Is.GreaterThan(30));
    }

    [Test]
    public void FlippedHeadBitsFailTyped([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        foreach (int bit in new[] { 0, 5, 31, 32, 40, 62, 63 })
        {
            ulong[] heads = (ulong[])m.Heads.Clone();
            heads[1] ^= 1UL << bit;
            Assert.That(FailureOf(Copy(m, heads: heads)), Is.AnyOf(DamageKinds), $"head bit {bit}");
        }
        ulong[] low = (ulong[])m.Heads.Clone();
        low[0] = 5;
        Assert.That(FailureOf(Copy(m, heads: low)), Is.EqualTo(McbErrorKind.Corrupt), "a head below 2^32 is not an rANS state");
        Assert.That(FailureOf(Copy(m, heads: [m.Heads[1], m.Heads[0]])), Is.AnyOf(DamageKinds), "heads swapped");
    }

    [Test]
    public void TruncatedExtendedOrSwappedTailsFailTyped([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        Assert.That(m.Tails[0], Has.Length.GreaterThan(1));
        Assert.That(FailureOf(Copy(m, tails: [[], m.Tails[1]])), Is.EqualTo(McbErrorKind.Corrupt), "empty tail: a pop runs off it");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[0][1..], m.Tails[1]])), Is.AnyOf(DamageKinds), "bottom word dropped");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[0][..^1], m.Tails[1]])), Is.AnyOf(DamageKinds), "top word dropped");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[0], m.Tails[1][..^1]])), Is.AnyOf(DamageKinds), "top word of chain 1 dropped");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[0], [.. m.Tails[1], 0u]])), Is.AnyOf(DamageKinds), "zero word appended");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[0], [.. m.Tails[1], 12345u]])), Is.AnyOf(DamageKinds), "word appended");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[1], m.Tails[0]])), Is.AnyOf(DamageKinds), "tails swapped");
        Assert.That(FailureOf(Copy(m, tails: [m.Tails[0], m.Tails[1], []])), Is.EqualTo(McbErrorKind.Corrupt), "more tails than heads");
    }

    [Test]
    public void AnotherSeedIsAStateMismatch([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        foreach (ulong seed in new[] { m.Seed + 1, 0UL, ulong.MaxValue })
            Assert.That(FailureOf(Copy(m, seed: seed)), Is.EqualTo(McbErrorKind.StateMismatch), $"seed {seed}");
    }

    [Test]
    public void AnotherChecksumIsAChecksumMismatch([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        foreach (ulong flip in new[] { 1UL, 1UL << 63 })
            Assert.That(FailureOf(Copy(m, checksum: m.DataChecksum ^ flip)), Is.EqualTo(McbErrorKind.ChecksumMismatch));
    }

    [Test]
    public void EveryOtherValidGridOrSigmaFailsTyped([Values] FlowCoderKind coder)
    {
        // A valid value that is not the one the message was coded with can only be found out by decoding.
        McbMessage m = Message(coder);
        foreach ((string key, int low, int high) in new[] { ("sigma_bits", 1, 30), ("grid_bits", 1, 28), ("index_grid_bits", 1, 28), ("dequant_bits", 1, 20) })
            for (int v = low; v <= high; v++)
            {
                string value = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (m.CoderParameters[key] == value) continue;
                Assert.That(FailureOf(Copy(m, parameters: With(m, key, value))), Is.AnyOf(DamageKinds), $"{key} = {value}");
            }
    }

    [TestCase("sigma_bits", "0")]
    [TestCase("sigma_bits", "31")]
    [TestCase("sigma_bits", "x")]
    [TestCase("sigma_bits", "-1")]
    [TestCase("sigma_bits", "+14")]
    [TestCase("sigma_bits", " 14")]
    [TestCase("sigma_bits", "")]
    [TestCase("sigma_bits", "99999999999")]
    [TestCase("grid_bits", "0")]
    [TestCase("grid_bits", "29")]
    [TestCase("index_grid_bits", "0")]
    [TestCase("index_grid_bits", "29")]
    [TestCase("dequant_bits", "0")]
    [TestCase("dequant_bits", "21")]
    [TestCase("particles", "0")]
    [TestCase("particles", "1025")]
    [TestCase("particles", "many")]
    [TestCase("dims", "three")]
    public void InvalidCoderParametersAreCorrupt(string key, string value)
    {
        foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
        {
            McbMessage m = Message(coder);
            Assert.That(FailureOf(Copy(m, parameters: With(m, key, value))), Is.EqualTo(McbErrorKind.Corrupt), $"{coder}: {key} = '{value}'");
        }
    }

    [Test]
    public void EveryMissingCoderParameterIsCorrupt([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        Assert.That(m.CoderParameters, Has.Count.EqualTo(9));
        foreach (string key in m.CoderParameters.Keys)
        {
            var parameters = new Dictionary<string, string>(m.CoderParameters);
            parameters.Remove(key);
            Assert.That(FailureOf(Copy(m, parameters: parameters)), Is.EqualTo(McbErrorKind.Corrupt), $"without {key}");
        }
    }

    [TestCase("dims", "2")]
    [TestCase("dims", "4")]
    [TestCase("dims", "0")]
    [TestCase("layers", "1")]
    [TestCase("layers", "3")]
    [TestCase("index_dims", "0")]
    [TestCase("index_dims", "2")]
    [TestCase("symbol_bits", "7")]
    [TestCase("symbol_bits", "9")]
    public void AnotherShapeInTheParametersIsAModelMismatch(string key, string value)
    {
        foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
        {
            McbMessage m = Message(coder);
            var model = new CountingCif(Model);
            Assert.That(FailureOf(Copy(m, parameters: With(m, key, value)), model), Is.EqualTo(McbErrorKind.ModelMismatch), $"{coder}: {key} = {value}");
            Assert.That(model.Sessions, Is.Zero, "refused before a session was opened");
        }
    }

    [Test]
    public void SeveralParticlesOnACoderWithoutParticlesAreCorrupt([Values(FlowCoderKind.BitSwap, FlowCoderKind.Naive)] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        foreach (string n in new[] { "2", "4", "1024" })
            Assert.That(FailureOf(Copy(m, parameters: With(m, "particles", n))), Is.EqualTo(McbErrorKind.Corrupt), $"particles = {n}");
    }

    [Test]
    public void AnotherParticleCountFailsTyped()
    {
        McbMessage m = Message(FlowCoderKind.ImportanceSampling);
        Assert.That(m.CoderParameters["particles"], Is.EqualTo("4"));
        foreach (string n in new[] { "1", "2", "3", "5", "8", "64", "1024" })
            Assert.That(FailureOf(Copy(m, parameters: With(m, "particles", n))), Is.AnyOf(DamageKinds), $"particles = {n}");
    }

    private static IEnumerable<TestCaseData> CoderPairs() =>
        from written in Enum.GetValues<FlowCoderKind>()
        from named in Enum.GetValues<FlowCoderKind>()
        where written != named
        select new TestCaseData(written, named);

    [TestCaseSource(nameof(CoderPairs))]
    public void AnotherFlowCoderNameFailsTyped(FlowCoderKind written, FlowCoderKind named)
    {
        McbMessage m = Message(written);
        string name = FlowCodec.Encode(Data, Model, Options(named)).Message.Coder;
        Assert.That(name, Is.Not.EqualTo(m.Coder));
        McbErrorKind kind = FailureOf(Copy(m, coder: name));
        if (written.HasParticles() && !named.HasParticles())
            Assert.That(kind, Is.EqualTo(McbErrorKind.Corrupt), "4 particles on a coder without particles");
        else
            Assert.That(kind, Is.AnyOf(DamageKinds));
        // With a particle count the named coder accepts, only decoding can tell.
        Assert.That(FailureOf(Copy(m, coder: name, parameters: With(m, "particles", "1"))), Is.AnyOf(DamageKinds));
    }

    [Test]
    public void MoreChainsThanUnitsIsCorrupt()
    {
        // An encoder writes at most one chain a unit; a message with empty extra chains would only make the decoder allocate.
        McbMessage m = Message(FlowCoderKind.BitSwap);
        var heads = m.Heads.Concat(Enumerable.Repeat(1UL << 40, 3)).ToArray();
        var damaged = new McbMessage
        {
            Coder = m.Coder, CoderParameters = m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint, Backend = m.Backend,
            SymbolCounts = m.SymbolCounts.Concat(new long[3]).ToArray(), Seed = m.Seed, Heads = heads,
            Tails = m.Tails.Concat(Enumerable.Repeat(Array.Empty<uint>(), 3)).ToArray(), DataChecksum = m.DataChecksum, Extra = m.Extra,
        };
        Assert.That(FailureOf(damaged), Is.EqualTo(McbErrorKind.Corrupt));
    }

    [Test]
    public void ANameThatIsNoFlowCoderIsCorrupt([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        foreach (string name in new[] { "BB-IS", "BB-ELBO", "lbb-naive", "LBB-BitSwap ", "LBB", "" })
            Assert.That(FailureOf(Copy(m, coder: name)), Is.EqualTo(McbErrorKind.Corrupt), $"'{name}'");
        Assert.That(FlowCodec.IsFlowMessage(Copy(m, coder: "BB-IS")), Is.False);
    }

    [Test]
    public void OtherSymbolCountsFailTyped([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        Assert.That(m.SymbolCounts, Is.EqualTo(new long[] { 18, 18 }));
        // Not the contiguous split of any unit count, not whole units, negative, or fewer counts than chains: refused from the header.
        foreach (long[] counts in new long[][] { [21, 15], [15, 21], [18, 12], [19, 18], [18, 17], [-3, 18], [-18, 18], [18] })
            Assert.That(FailureOf(Copy(m, counts: counts)), Is.EqualTo(McbErrorKind.Corrupt), string.Join(",", counts));
        // A valid split of another unit count: only decoding can tell.
        foreach (long[] counts in new long[][] { [21, 18], [21, 21], [15, 15], [3, 3], [0, 0] })
            Assert.That(FailureOf(Copy(m, counts: counts)), Is.AnyOf(DamageKinds), string.Join(",", counts));
    }

    [Test]
    public void HugeSymbolCountsAreLimitExceeded([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        foreach (long[] counts in new long[][] { [1L << 40, 1L << 40], [3L << 33, 3L << 33], [3L << 60, 3L << 60] })
        {
            var model = new CountingCif(Model);
            Assert.That(FailureOf(Copy(m, counts: counts), model), Is.EqualTo(McbErrorKind.LimitExceeded), string.Join(",", counts));
            Assert.That(model.Sessions, Is.Zero);
        }
    }

    [Test]
    public void TheBudgetErrorNeverCountsNegativeSymbols()
    {
        McbMessage m = Message(FlowCoderKind.BitSwap);
        var e = Assert.Throws<McbFormatException>(() => Decode(Copy(m, counts: [long.MaxValue, long.MaxValue]), Model));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
        Assert.That(e.Message, Does.Not.Contain("(-"), e.Message);
        // On one layer the wrapped sum makes the work negative, so the budget lets the message through to the count check.
        var flat = new ToyCif(1, 1, 1, seed: 2);
        McbMessage one = FlowCodec.Encode(flat.Sample(4, seed: 1), flat, new FlowOptions { Chains = 2 }).Message;
        Assert.That(FailureOf(Copy(one, counts: [long.MaxValue, long.MaxValue]), flat), Is.EqualTo(McbErrorKind.LimitExceeded));
    }

    [Test]
    public void OlderFormatVersionsAreCorrupt([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        Assert.That(m.FormatVersion, Is.EqualTo(McbMessage.CurrentVersion));
        foreach (int version in new[] { 1, 2, 3, 0, -1 })
            Assert.That(FailureOf(Copy(m, version: version)), Is.EqualTo(McbErrorKind.Corrupt), $"version {version}");
    }

    [Test]
    public void AFutureFormatVersionFailsTyped([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        var model = new CountingCif(Model);
        Assert.That(FailureOf(Copy(m, version: McbMessage.CurrentVersion + 1), model), Is.AnyOf(McbErrorKind.Corrupt, McbErrorKind.UnsupportedVersion));
        Assert.That(model.Sessions, Is.Zero, "refused before decoding");
    }

    [Test]
    public void EverySingleBitFlipOrTruncationOfTheFileFailsTyped([Values] FlowCoderKind coder)
    {
        byte[] file = McbMessageFile.ToBytes(Message(coder));
        int tested = 0;
        for (int i = 0; i < file.Length; i++)
            foreach (int bit in new[] { 0, 3, 7 })
            {
                byte[] bad = (byte[])file.Clone();
                bad[i] ^= (byte)(1 << bit);
                ReadAndDecodeFails(bad, $"byte {i} bit {bit}");
                tested++;
            }
        for (int length = 0; length < file.Length; length++)
            ReadAndDecodeFails(file[..length], $"first {length} bytes");
        Assert.That(tested, Is.GreaterThan(900));
    }

    [TestCase(5UL, 2, 1, 3)]
    [TestCase(4UL, 1, 1, 3)]
    [TestCase(4UL, 3, 1, 3)]
    [TestCase(4UL, 2, 1, 2)]
    [TestCase(4UL, 2, 1, 4)]
    [TestCase(4UL, 2, 0, 3)]
    [TestCase(4UL, 2, 2, 3)]
    public void AnotherToyCifIsAModelMismatchBeforeDecoding(ulong seed, int layers, int index, int dims)
    {
        foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
        {
            var other = new CountingCif(new ToyCif(dims, layers, index, seed: seed));
            McbMessage m = Message(coder);
            Assert.That(FailureOf(m, other), Is.EqualTo(McbErrorKind.ModelMismatch), $"{coder} with {other.Identity.Description}");
            var e = Assert.Throws<McbFormatException>(() => FlowCodec.OptionsOf(m, other));
            Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
            Assert.That(other.Sessions, Is.Zero, "refused before a session was opened");
        }
    }

    [Test]
    public void OtherHiddenUnitsOrSymbolBitsAreAModelMismatch()
    {
        McbMessage m = Message(FlowCoderKind.BitSwap);
        foreach (ToyCif other in new[] { new ToyCif(3, 2, 1, hidden: 7, seed: 4), new ToyCif(3, 2, 1, symbolBits: 7, seed: 4) })
            Assert.That(FailureOf(m, new CountingCif(other)), Is.EqualTo(McbErrorKind.ModelMismatch), other.Identity.Description);
    }

    [Test]
    public void ADoctoredModelNameFingerprintOrNumericBackendIsAModelMismatch([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        byte[] fingerprint = (byte[])m.ModelFingerprint.Clone();
        fingerprint[^1] ^= 1;
        Assert.That(FailureOf(Copy(m, fingerprint: fingerprint)), Is.EqualTo(McbErrorKind.ModelMismatch), "fingerprint");
        Assert.That(FailureOf(Copy(m, fingerprint: [])), Is.EqualTo(McbErrorKind.ModelMismatch), "no fingerprint");
        Assert.That(FailureOf(Copy(m, model: m.Model.Replace("seed=4", "seed=5", StringComparison.Ordinal))), Is.EqualTo(McbErrorKind.ModelMismatch), "description");
        var extra = new Dictionary<string, string>(m.Extra) { ["model_backend"] = "libtorch-cuda/float32" };
        Assert.That(FailureOf(Copy(m, extra: extra)), Is.EqualTo(McbErrorKind.ModelMismatch), "numeric backend on an integer-table model");
    }

    [Test]
    public void ABudgetBelowTheWorkIsLimitExceededBeforeDecoding([Values] FlowCoderKind coder)
    {
        McbMessage m = Message(coder);
        // Work = symbols x layers, times (1 + 3N) particle walks for importance sampling.
        long need = 36L * 2 * (coder.HasParticles() ? 1 + 3 * 4 : 1);
        foreach (long budget in new[] { 0, 1, need - 1 })
        {
            var model = new CountingCif(Model);
            using (DecodeBudget.Use(new DecodeBudget { MaxWork = budget }))
                Assert.That(FailureOf(m, model), Is.EqualTo(McbErrorKind.LimitExceeded), $"budget {budget}");
            Assert.That(model.Sessions, Is.Zero, "refused before a session was opened");
        }
        using (DecodeBudget.Use(new DecodeBudget { MaxWork = need }))
            Assert.That(Decode(m, Model), Is.EqualTo(Data), "exactly the work it needs");
        Assert.That(Decode(m, Model), Is.EqualTo(Data), "the scope ended");
    }

    [Test]
    public void ABudgetBelowTheLiveParticlesIsLimitExceeded()
    {
        McbMessage m = Message(FlowCoderKind.ImportanceSampling);
        using (DecodeBudget.Use(new DecodeBudget { MaxLiveParticles = 7 }))
            Assert.That(FailureOf(m, Model), Is.EqualTo(McbErrorKind.LimitExceeded));
    }

    // Decodes under the hang guard; a failure inside keeps its own exception.
    private static byte[] Decode(McbMessage message, ICifModel model)
    {
        Task<byte[]> run = Task.Run(() => FlowCodec.Decode(message, model).Data);
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(HangGuard))
            Assert.Fail($"The decode did not finish within {HangGuard.TotalSeconds} s.");
        return run.GetAwaiter().GetResult();
    }

    // The kind a decode of a damaged message fails with; decoding to any data, or failing with anything but McbFormatException, fails the test.
    private static McbErrorKind FailureOf(McbMessage message, ICifModel? model = null)
    {
        byte[] decoded;
        try
        {
            decoded = Decode(message, model ?? Model);
        }
        catch (McbFormatException e)
        {
            return e.Kind;
        }
        catch (Exception e) when (e is not AssertionException)
        {
            Assert.Fail($"Threw {e.GetType().Name} instead of McbFormatException: {e.Message}");
            throw;
        }
        Assert.Fail(decoded.AsSpan().SequenceEqual(Data) ? "The message decoded to the original data instead of failing." : "The message decoded to WRONG data.");
        throw new InvalidOperationException();
    }

    private static void ReadAndDecodeFails(byte[] file, string what)
    {
        McbMessage read;
        try
        {
            read = McbMessageFile.Read(file.AsMemory());
        }
        catch (McbFormatException)
        {
            return;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: reading threw {e.GetType().Name}: {e.Message}");
            throw;
        }
        Assert.That(FailureOf(read), Is.AnyOf(Enum.GetValues<McbErrorKind>()), what);
    }

    private static uint[][] CloneTails(McbMessage m) => m.Tails.Select(t => (uint[])t.Clone()).ToArray();

    private static Dictionary<string, string> With(McbMessage m, string key, string value) =>
        new(m.CoderParameters, StringComparer.Ordinal) { [key] = value };

    private static McbMessage Copy(McbMessage m, ulong[]? heads = null, uint[][]? tails = null, IReadOnlyDictionary<string, string>? parameters = null,
        string? coder = null, long[]? counts = null, ulong? seed = null, ulong? checksum = null, int? version = null, string? model = null,
        byte[]? fingerprint = null, IReadOnlyDictionary<string, string>? extra = null) => new()
    {
        FormatVersion = version ?? m.FormatVersion,
        Coder = coder ?? m.Coder,
        CoderParameters = parameters ?? m.CoderParameters,
        Model = model ?? m.Model,
        ModelFingerprint = fingerprint ?? m.ModelFingerprint,
        Backend = m.Backend,
        SymbolCounts = counts ?? m.SymbolCounts,
        Seed = seed ?? m.Seed,
        Heads = heads ?? m.Heads,
        Tails = tails ?? m.Tails,
        DataChecksum = checksum ?? m.DataChecksum,
        Extra = extra ?? m.Extra,
    };

    // A CIF that counts the sessions decode opens on it: zero after a refusal means nothing was built or run.
    private sealed class CountingCif(ICifModel inner) : ICifModel
    {
        public int Sessions { get; private set; }

        public ModelIdentity Identity => inner.Identity;

        public CifShape Shape => inner.Shape;

        public ICifSession OpenSession(int chains)
        {
            Sessions++;
            return inner.OpenSession(chains);
        }
    }
}

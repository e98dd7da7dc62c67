// CoderContext: everything one encode or decode run shares between its systems.
//  * configuration: the model (any ILatentModel) and its session, coder kind, B chains, N particles,
//    T steps, W symbols and L latent dimensions per step, K latent values, S symbols,
//    r = proposal precision, p = weight precision;
//  * the ECS world: B chain entities and B x N particle entities (components in Engine.Components);
//  * the rANS lanes behind a RansFlush;
//  * gathered arrays indexed by (step, slot, lane), lane fastest, so one vector push or pop per slot
//    position reads a contiguous span; passes fill them from chunks and scatter results back, and never
//    depend on the ECS iteration order;
//  * per-lane scratch (starts, freqs, cfs ...) allocated once, so steady-state coding allocates nothing;
//  * the ChainWorkers that split passes over chain ranges (CPU backend only: it allows concurrent calls
//    on disjoint lanes; per-lane scratch is disjoint between ranges, per-worker scratch is indexed by worker);
//  * the run's CouplingScheme (how the coupled coders lay out their uniforms; chosen by the codec facade).
using Engine.Ans;
using Engine.Components;
using Engine.Ecs;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Coding;

/// <summary>Shared state of one coding run (one direction).</summary>
internal sealed partial class CoderContext : IDisposable
{
    /// <summary>Precision of the Metropolis-Hastings transition rows of the AIS coders.</summary>
    public const int KernelPrecision = 24;

    public CoderContext(ILatentModel model, CoderOptions options, RansLanes lanes, IRansBackend backend, bool decoding, int[] unitCounts, byte[] data,
        CouplingScheme? coupling = null)
    {
        Model = model;
        Shape = model.Shape;
        Options = options;
        Kind = options.Kind;
        Resampling = options.EffectiveResampling;
        Decoding = decoding;
        B = options.Chains;
        N = options.Particles;
        T = Shape.Steps;
        W = Shape.SymbolsPerStep;
        L = Shape.LatentDims;
        K = Shape.LatentCount;
        S = Shape.SymbolCount;
        R = Shape.ProposalPrecision;
        P = options.WeightPrecision;
        Session = model.OpenSession(B, N);
        Coupled = CoderOptions.IsCoupled(Kind);
        Coupling = coupling ?? CouplingScheme.Standard;
        if (Coupled && Coupling.ScrambleUniforms && R != CouplingScheme.ScrambleBits)
            throw new NotSupportedException($"Scrambled coupled uniforms need proposal precision {CouplingScheme.ScrambleBits}; the model's is {R}.");
        Annealed = CoderOptions.IsAnnealed(Kind);
        Rans = new RansFlush(lanes, backend);
        Data = data;

        UnitCount = unitCounts;
        FirstUnit = new int[B];
        for (int b = 1; b < B; b++) FirstUnit[b] = FirstUnit[b - 1] + unitCounts[b - 1];
        for (int b = 0; b < B; b++) MaxUnits = Math.Max(MaxUnits, unitCounts[b]);
        UnitOfLane = new int[B];

        X = new int[checked(T * W * B)];
        ZLin = new int[checked(T * L * B)];
        Lineage = new int[T * B];
        Resampled = new byte[T * B];
        U = new uint[checked(T * L * B)];
        V = new uint[T * B];
        Z = new int[checked(T * N * L * B)];
        Anc = new int[T * N * B];
        Rows = new int[B];
        PriorRows = new int[B];
        LikelihoodRows = new int[B];
        Previous = new int[checked(L * B)];
        FirstSlots = new int[B];
        ProposalRowsByDim = new int[checked(L * B)];
        PriorRowsByDim = new int[checked(L * B)];
        Fixed = new int[B];
        LogW = new long[B * N];
        Scores = new long[B];
        WCdf = new uint[T * B * (N + 1)];
        Starts = new uint[B];
        Freqs = new uint[B];
        Cf = new uint[B];
        Values = new uint[B];
        Ns = new uint[B];
        Mask = new byte[B];
        Slots = new int[B];
        Workers = new ChainWorkers(WorkerCount(options, backend));
        LinearScratch = new ulong[Workers.Degree * N];
        ProposalByDim = new QuantizedRows[checked(Workers.Degree * L)];
        PriorByDim = new QuantizedRows[checked(Workers.Degree * L)];
        Ones = new uint[B];
        Array.Fill(Ones, 1u);
        ShiftR = new uint[N];
        ShiftP = new uint[N];
        int spread = Coupling.SpreadSlots ? SlotSpread(N) : 1;
        for (int i = 0; i < N; i++)
        {
            ShiftR[i] = Shift((int)((long)i * spread % N), R);
            ShiftP[i] = Shift(i, P);
        }
        if (Annealed)
        {
            LogQ = new long[B * K];
            LogP = new long[B * K];
            StepLog = new int[B * K];
            KernelCdf = new uint[B * (K + 1)];
        }
        else
        {
            LogQ = LogP = [];
            StepLog = [];
            KernelCdf = [];
        }

        World = Engine.Ecs.World.Create();
        World.Register<Latent>(T * L);
        World.Register<Ancestor>(T);
        World.Register<WeightFreq>(T);
        World.Register<Observed>(T * W);
        World.Register<LineageSlot>(T);
        World.Register<ResampleFlag>(T);
        World.Register<ChainUniforms>(T * L);
        World.Register<CoupledUniform>(L);
        ChainEntities = World.CreateMany(B, new Signature(
            Component<ChainId>.ComponentType, Component<ChainCursor>.ComponentType, Component<Observed>.ComponentType,
            Component<LineageSlot>.ComponentType, Component<ResampleFlag>.ComponentType, Component<ChainUniforms>.ComponentType,
            Component<ChainBits>.ComponentType));
        for (int b = 0; b < B; b++)
        {
            World.Get<ChainId>(ChainEntities[b]) = new ChainId(b);
            World.Get<ChainCursor>(ChainEntities[b]) = new ChainCursor(FirstUnit[b], unitCounts[b], -1);
        }
        ParticleEntities = World.CreateMany(B * N, new Signature(
            Component<ParticleOf>.ComponentType, Component<Latent>.ComponentType, Component<Ancestor>.ComponentType,
            Component<LogWeight>.ComponentType, Component<WeightFreq>.ComponentType, Component<CoupledUniform>.ComponentType));
        for (int b = 0; b < B; b++)
            for (int i = 0; i < N; i++)
                World.Get<ParticleOf>(ParticleEntities[b * N + i]) = new ParticleOf(b, i);
        Chains = World.Query(new QueryDescription().WithAll<ChainId, ChainCursor>());
        Particles = World.Query(new QueryDescription().WithAll<ParticleOf, Latent>());
        _chunkChains = ChainSpans();
    }

    // Chains [first, last] whose rows each chunk holds, for skipping chunks outside a worker's range.
    private readonly Dictionary<Chunk, (int First, int Last)> _chunkChains;

    /// <summary>Whether <paramref name="chunk"/> may hold rows of chains in [lo, hi). The world is structurally
    /// frozen after construction, so the spans taken then stay exact; an unknown chunk is never skipped.</summary>
    public bool ChunkMayHold(Chunk chunk, int lo, int hi) =>
        !_chunkChains.TryGetValue(chunk, out var span) || (span.First < hi && span.Last >= lo);

    private Dictionary<Chunk, (int First, int Last)> ChainSpans()
    {
        var spans = new Dictionary<Chunk, (int, int)>(ReferenceEqualityComparer.Instance);
        foreach (Chunk chunk in Particles)
        {
            int first = int.MaxValue, last = -1;
            foreach (ParticleOf p in chunk.GetSpan<ParticleOf>()) (first, last) = (Math.Min(first, p.Chain), Math.Max(last, p.Chain));
            spans[chunk] = (first, last);
        }
        foreach (Chunk chunk in Chains)
        {
            int first = int.MaxValue, last = -1;
            foreach (ChainId id in chunk.GetSpan<ChainId>()) (first, last) = (Math.Min(first, id.Lane), Math.Max(last, id.Lane));
            spans[chunk] = (first, last);
        }
        return spans;
    }

    /// <summary>The model, reached only through its public contract.</summary>
    public ILatentModel Model { get; }

    /// <summary>The model's per-run state; answers every distribution query of this run.</summary>
    public IModelSession Session { get; }

    public ModelShape Shape { get; }
    public CoderOptions Options { get; }
    public CoderKind Kind { get; }
    public ResamplingMode Resampling { get; }
    public bool Decoding { get; }
    public bool Coupled { get; }
    public bool Annealed { get; }

    /// <summary>How the coupled coders lay out their uniforms (format-defining; the facade chooses it).</summary>
    public CouplingScheme Coupling { get; }
    /// <summary>Chains (lanes), particles per chain, steps per unit, symbols and latent dimensions per step,
    /// latent values, symbol values.</summary>
    public readonly int B, N, T, W, L, K, S;

    /// <summary>Proposal precision r and weight precision p.</summary>
    public readonly int R, P;

    public RansFlush Rans { get; }
    public World World { get; }
    public Entity[] ChainEntities { get; }
    public Entity[] ParticleEntities { get; }

    /// <summary>Query over chain entities.</summary>
    public Query Chains { get; }

    /// <summary>Query over particle entities.</summary>
    public Query Particles { get; }

    /// <summary>Encode: the input symbols; decode: the output being filled.</summary>
    public byte[] Data { get; }

    public int[] FirstUnit { get; }
    public int[] UnitCount { get; }
    public int MaxUnits { get; }

    /// <summary>Lanes [0, ActiveLanes) code in the current unit step; the rest sit out.</summary>
    public int ActiveLanes;

    /// <summary>Absolute unit index each lane codes in this step (-1 when it sits out).</summary>
    public readonly int[] UnitOfLane;

    // Gathered arrays, lane fastest. X: [(t W + w) B + b]; ZLin and U: [(t L + l) B + b]; Lineage, Resampled, V: [t B + b].
    public readonly int[] X, ZLin, Lineage;
    public readonly byte[] Resampled;
    public readonly uint[] U, V;

    /// <summary>[((t N + i) L + l) B + b]: latent dimension l of particle i at step t (see <see cref="ZIndex(int, int, int, int)"/>).</summary>
    public readonly int[] Z;

    /// <summary>[(t N + i) B + b]: the ancestor of particle i at step t (see <see cref="AIndex"/>).</summary>
    public readonly int[] Anc;

    /// <summary>Per-lane rows of the tables a model query returned (proposal, prior, likelihood), and per-lane
    /// scratch: the parents' previous latents ([l B + b]) and a fixed latent value per lane (AIS).</summary>
    public readonly int[] Rows, PriorRows, LikelihoodRows, Previous, Fixed;

    /// <summary>0 on every lane: the slot of the one particle of a lineage batch (decode's model pass).</summary>
    public readonly int[] FirstSlots;

    /// <summary>Rows of slot-free queries asked once per dimension for all slots ([l B + b]; see
    /// <see cref="ProposalTables"/>, <see cref="FirstPriorTables"/>).</summary>
    public readonly int[] ProposalRowsByDim, PriorRowsByDim;

    /// <summary>Tables of those queries, per worker ([worker L + l]).</summary>
    public readonly QuantizedRows[] ProposalByDim, PriorByDim;

    // [b*N + i]: current log2 weights (Q32), contiguous per chain for the quantiser.
    public readonly long[] LogW;

    /// <summary>[b]: one slot's log-weight per lane while the reweight pass sums it (scratch).</summary>
    public readonly long[] Scores;

    // [(t*B + b)*(N+1) + i]: cumulative quantised weights of step t, one row per lane.
    public readonly uint[] WCdf;

    // AIS: [b*K + z] log2 q and log2 p(x, z) for the lane's symbol, the current step's rounded log-target,
    // and one kernel row per lane [b*(K+1) + z].
    public readonly long[] LogQ, LogP;
    public readonly int[] StepLog;
    public readonly uint[] KernelCdf;

    // Per-lane scratch.
    public readonly uint[] Starts, Freqs, Cf, Values, Ns;
    public readonly byte[] Mask;
    public readonly int[] Slots;

    /// <summary>One lane's linear weights (Q32) per worker ([worker*N + i]), shared by the ESS test and the quantiser.</summary>
    public readonly ulong[] LinearScratch;

    /// <summary>Runs per-chain passes over chain ranges (one range, inline, below the split threshold).</summary>
    public ChainWorkers Workers { get; }

    /// <summary>Ranges the passes may be split into: the option (0 = one per core), capped so every worker gets
    /// <see cref="ChainWorkers.MinChainsPerWorker"/> chains; 1 unless the backend is the CPU twin (a GPU
    /// backend's calls are not meant to overlap).</summary>
    internal static int WorkerCount(CoderOptions options, IRansBackend backend)
    {
        if (!backend.ConcurrentLaneCalls) return 1;
        int wanted = options.Threads == 0 ? Environment.ProcessorCount : options.Threads;
        return Math.Max(1, Math.Min(wanted, options.Chains / ChainWorkers.MinChainsPerWorker));
    }

    /// <summary>1 on every lane: the frequency of a value pushed or popped as a uniform on 2^bits.</summary>
    public readonly uint[] Ones;

    /// <summary>Per-slot shifts of the coupled uniforms: on 2^r values (particles; slot i takes the
    /// ⌊(i g mod N) 2^r / N⌋-th point, see <see cref="SlotSpread"/>, or ⌊i 2^r / N⌋ when the coupling scheme does
    /// not spread slots) and 2^p values (resampling; slot i takes the ⌊i 2^p / N⌋-th point).</summary>
    public readonly uint[] ShiftR, ShiftP;

    /// <summary>Index of latent dimension l of particle i of lane b at step t in <see cref="Z"/>.</summary>
    public int ZIndex(int t, int i, int l, int b) => ((t * N + i) * L + l) * B + b;

    /// <summary>Index of dimension 0 (the only one of a one-dimensional latent).</summary>
    public int ZIndex(int t, int i, int b) => (t * N + i) * L * B + b;

    /// <summary>Index of particle i's ancestor of lane b at step t in <see cref="Anc"/>.</summary>
    public int AIndex(int t, int i, int b) => (t * N + i) * B + b;

    /// <summary>The slot whose step t - 1 latent particle i of lane b descends from (itself where no resampling happened).</summary>
    public int Parent(int t, int i, int b) => NewSegment(t, b) ? Anc[AIndex(t, i, b)] : i;

    public int WRow(int t, int b) => (t * B + b) * (N + 1);

    /// <summary>Whether lane b starts a new lineage segment at step t (t = 0, or it resampled after t - 1).</summary>
    public bool NewSegment(int t, int b) => t == 0 || Resampled[(t - 1) * B + b] != 0;

    /// <summary>⌊i 2^bits / N⌋: the shift of slot i's copy of a coupled uniform (distinct for N &lt;= 2^bits).</summary>
    public uint Shift(int i, int bits) => (uint)(((ulong)(uint)i << bits) / (ulong)N);

    /// <summary>
    /// The multiplier g ≈ 0.618 N (coprime to N, 1 for N &lt;= 2) of the particle-slot permutation i ↦ i g mod N.
    /// Systematic resampling hands consecutive slots to the same ancestor; without the permutation those slots
    /// would also take consecutive proposal points, i.e. one contiguous block of latents per ancestor. The
    /// golden-ratio stride spreads each ancestor's offspring over the whole proposal range. It is a fixed
    /// bijection of slot labels with 0 ↦ 0, so op_0 stays the identity and every proof is unchanged; for
    /// BB-CIS (one step) it only relabels the same particle set.
    /// </summary>
    internal static int SlotSpread(int n)
    {
        if (n <= 2) return 1;
        int g = (int)Math.Round(n * 0.6180339887498949);
        while (Gcd(g, n) != 1) g++;
        return g;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    public void Dispose()
    {
        Workers.Dispose();
        Session.Dispose();
        World.Dispose();
    }
}

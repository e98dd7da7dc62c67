// CoderContext: everything one encode or decode run shares between its systems.
//  * configuration: the model (any ILatentModel) and its session, coder kind, B chains, N particles,
//    T steps, W symbols and L latent dimensions per step, K latent values, S symbols,
//    r = proposal precision, p = weight precision;
//  * the ECS world, which holds the coding state: four blocks (World.CreateBlock: one chunk each, rows in
//    creation order) of chain, chain-step, particle-step and particle entities. Their component columns ARE
//    the arrays the passes index, lane fastest (vector components in the columns layout), so one vector push
//    or pop per slot position reads a contiguous span and there is no second copy; see the properties below;
//  * the rANS lanes behind a RansFlush;
//  * per-lane scratch (starts, freqs, cfs ...) allocated once, so steady-state coding allocates nothing;
//  * the ChainWorkers that split passes over chain ranges (CPU backend only: it allows concurrent calls
//    on disjoint lanes; per-lane scratch is disjoint between ranges, per-worker scratch is indexed by worker);
//  * the run's CouplingScheme (how the coupled coders lay out their uniforms; chosen by the codec facade).
using Engine.Ans;
using Engine.Components;
using Engine.Ecs;
using Engine.Gpu;
using Engine.Modeling;
using System.Runtime.InteropServices;

namespace Engine.Systems.Coding;

/// <summary>Shared state of one coding run (one direction).</summary>
internal sealed partial class CoderContext : IDisposable
{
    /// <summary>Precision of the Metropolis-Hastings transition rows of the AIS coders.</summary>
    public const int KernelPrecision = 24;

    public CoderContext(ILatentModel model, CoderOptions options, RansLanes lanes, IRansBackend backend, bool decoding, CouplingScheme? coupling = null)
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
        StateWords = Shape.StateWords;
        (Order, HasOrder, _proposalKnown, _priorKnown) = LatentOrderOf(Shape);
        Current = HasOrder ? new int[checked(L * B)] : [];
        if (StateWords > 0 && (long)T * N * B * StateWords > MaxStateEntries)
            throw new NotSupportedException($"{T} steps x {N} particles x {B} chains x {StateWords} state words is above the {MaxStateEntries} words a run keeps.");
        Session = model.OpenSession(B, N);
        Coupled = CoderOptions.IsCoupled(Kind);
        Coupling = coupling ?? CouplingScheme.Standard;
        if (Coupled && Coupling.ScrambleUniforms && R != CouplingScheme.ScrambleBits)
            throw new NotSupportedException($"Scrambled coupled uniforms need proposal precision {CouplingScheme.ScrambleBits}; the model's is {R}.");
        Annealed = CoderOptions.IsAnnealed(Kind);
        // Format version 4 codes uniforms at 24 bits where they fit (RansFlush); older versions keep the exact uniform at 32.
        Rans = new RansFlush(lanes, backend, concurrent: WorkerCount(options, backend) > 1,
            options.FormatVersion >= 4 ? RansFlush.CompactUniformPrecision : Engine.Ans.ExactUniform.Precision);
        Data = [];

        Rows = new int[B];
        PriorRows = new int[B];
        LikelihoodRows = new int[B];
        Previous = new int[checked(L * B)];
        FirstSlots = new int[B];
        _allParents = T > 1 ? new int[checked(L * N * B)] : [];
        PreviousState = new int[checked(StateWords * B)];
        _allParentStates = T > 1 ? new int[checked(StateWords * N * B)] : [];
        ProposalRowsByDim = new int[checked(L * B)];
        PriorRowsByDim = new int[checked(L * B)];
        Fixed = new int[B];
        Scores = new long[B];
        EstimatorUnit = new double[B];
        EstimatorSum = new double[B];
        EstimatorSumSquares = new double[B];
        EstimatorUnits = new long[B];
        Starts = new uint[B];
        Freqs = new uint[B];
        Cf = new uint[B];
        Values = new uint[B];
        Ns = new uint[B];
        Mask = new byte[B];
        Slots = new int[B];
        Symbols = new int[B];
        LaneRows = new int[B];
        AllLikelihoodRows = Session is ILikelihoodRows ? new int[checked(W * B)] : [];
        for (int b = 0; b < B; b++) LaneRows[b] = b;
        Workers = new ChainWorkers(WorkerCount(options, backend));
        LinearScratch = new ulong[Workers.Degree * N];
        ProposalByDim = new QuantizedRows[checked(Workers.Degree * L)];
        PriorByDim = new QuantizedRows[checked(Workers.Degree * L)];
        Ones = new uint[B];
        Array.Fill(Ones, 1u);
        ShiftR = new uint[checked(L * N)];
        ShiftP = new uint[N];
        int spread = Coupling.SpreadSlots ? SlotSpread(N) : 1;
        for (int l = 0; l < L; l++)
        {
            int[]? permutation = Coupling.PerDimensionShifts ? CouplingScheme.DimensionPermutation(N, l) : null;
            for (int i = 0; i < N; i++) ShiftR[l * N + i] = Shift(permutation?[i] ?? (int)((long)i * spread % N), R);
        }
        for (int i = 0; i < N; i++) ShiftP[i] = Shift(i, P);
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
        World.Register<Observed>(W, VectorLayout.Columns);
        World.Register<CoupledUniform>(L, VectorLayout.Columns);
        World.Register<LineageLatent>(L, VectorLayout.Columns);
        World.Register<Latent>(L, VectorLayout.Columns);
        World.Register<WeightCdf>(N + 1);
        Signature chainStep = new(
            Component<Observed>.ComponentType, Component<LineageSlot>.ComponentType, Component<ResampleFlag>.ComponentType,
            Component<LineageLatent>.ComponentType, Component<WeightCdf>.ComponentType, Component<CoupledUniform>.ComponentType,
            Component<ResampleUniform>.ComponentType);
        Signature particleStep = Signature.Of<Latent, Ancestor>();
        if (StateWords > 0)
        {
            World.Register<ParticleState>(StateWords, VectorLayout.Columns);
            World.Register<LineageState>(StateWords, VectorLayout.Columns);
            chainStep = chainStep.With(Component<LineageState>.ComponentType);
            particleStep = particleStep.With(Component<ParticleState>.ComponentType);
        }
        ChainBlock = World.CreateBlock(new Entity[B], Signature.Of<ChainCursor>());
        ChainStepBlock = World.CreateBlock(new Entity[checked(T * B)], chainStep);
        ParticleStepBlock = World.CreateBlock(new Entity[checked(T * N * B)], particleStep);
        ParticleBlock = World.CreateBlock(new Entity[checked(B * N)], Signature.Of<LogWeight>());
        (_cursors, _x, _zLin, _lineage, _resampled) = (ChainBlock.GetColumn<ChainCursor>(), ChainStepBlock.GetColumn<Observed>(),
            ChainStepBlock.GetColumn<LineageLatent>(), ChainStepBlock.GetColumn<LineageSlot>(), ChainStepBlock.GetColumn<ResampleFlag>());
        (_u, _v, _wCdf) = (ChainStepBlock.GetColumn<CoupledUniform>(), ChainStepBlock.GetColumn<ResampleUniform>(), ChainStepBlock.GetColumn<WeightCdf>());
        (_z, _anc, _logW) = (ParticleStepBlock.GetColumn<Latent>(), ParticleStepBlock.GetColumn<Ancestor>(), ParticleBlock.GetColumn<LogWeight>());
        if (StateWords > 0) (_states, _lineageStates) = (ParticleStepBlock.GetColumn<ParticleState>(), ChainStepBlock.GetColumn<LineageState>());
    }

    /// <summary>Starts a run (one message): chain b codes <paramref name="unitCounts"/>[b] units of <paramref name="data"/>, the
    /// runs contiguous from unit 0. The coding state in the components is cleared, so a context reused for message after
    /// message codes each exactly as a fresh one would (the passes write every component before they read it — the streaming
    /// tests pass without the clearing too — so this only rules out a leak a future pass could add); nothing is allocated.</summary>
    public void BeginRun(ReadOnlySpan<int> unitCounts, byte[] data)
    {
        Data = data;
        MaxUnits = RunStatistics.StartRuns(Cursors, unitCounts);
        ActiveLanes = 0;
        Array.Clear(EstimatorUnit);
        Array.Clear(EstimatorSum);
        Array.Clear(EstimatorSumSquares);
        Array.Clear(EstimatorUnits);
        X.Clear(); ZLin.Clear(); Lineage.Clear(); Resampled.Clear(); U.Clear(); V.Clear(); WCdf.Clear();
        Z.Clear(); Anc.Clear(); LogW.Clear(); States.Clear(); LineageStates.Clear();
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

    /// <summary>Words of the model's per-particle state (0: none).</summary>
    public readonly int StateWords;

    /// <summary>Most state words one run keeps (T N B StateWords): 1 GiB.</summary>
    public const long MaxStateEntries = 1L << 28;

    /// <summary>Per-lane scratch: word k of the state of the parent of particle Slots[b] at [k B + b] (see PrepareParents).</summary>
    public readonly int[] PreviousState;

    // Every particle's parent states of one step (GatherAllParentStates), allocated up front like _allParents.
    private readonly int[] _allParentStates;

    public RansFlush Rans { get; }
    public World World { get; }

    /// <summary>B chain entities, chain b at row b: <see cref="ChainCursor"/>.</summary>
    public Chunk ChainBlock { get; }

    /// <summary>T × B chain-step entities, (t, b) at row t B + b: <see cref="Observed"/> (W), <see cref="LineageSlot"/>,
    /// <see cref="ResampleFlag"/>, <see cref="LineageLatent"/> (L), <see cref="WeightCdf"/> (N + 1), <see cref="CoupledUniform"/> (L),
    /// <see cref="ResampleUniform"/>.</summary>
    public Chunk ChainStepBlock { get; }

    /// <summary>T × N × B particle-step entities, (t, i, b) at row (t N + i) B + b: <see cref="Latent"/> (L), <see cref="Ancestor"/>.</summary>
    public Chunk ParticleStepBlock { get; }

    /// <summary>B × N particle entities, (b, i) at row b N + i (chain by chain): <see cref="LogWeight"/>.</summary>
    public Chunk ParticleBlock { get; }

    /// <summary>Encode: the input symbols; decode: the output being filled (set by <see cref="BeginRun"/>).</summary>
    public byte[] Data { get; private set; }

    /// <summary>The most units any chain codes (the number of unit steps).</summary>
    public int MaxUnits { get; private set; }

    /// <summary>Lanes [0, ActiveLanes) code in the current unit step; the rest sit out.</summary>
    public int ActiveLanes;

    // The coding state: component columns of the blocks above, as the passes index them (lane fastest, so one vector
    // push or pop per slot position reads a contiguous span). Handles are taken once (the blocks never move); each
    // property re-derives its span in a few instructions.
    private readonly ChunkColumn<ChainCursor> _cursors;
    private readonly ChunkColumn<Observed> _x;
    private readonly ChunkColumn<LineageLatent> _zLin;
    private readonly ChunkColumn<LineageSlot> _lineage;
    private readonly ChunkColumn<ResampleFlag> _resampled;
    private readonly ChunkColumn<CoupledUniform> _u;
    private readonly ChunkColumn<ResampleUniform> _v;
    private readonly ChunkColumn<WeightCdf> _wCdf;
    private readonly ChunkColumn<Latent> _z;
    private readonly ChunkColumn<Ancestor> _anc;
    private readonly ChunkColumn<LogWeight> _logW;
    private readonly ChunkColumn<ParticleState> _states;
    private readonly ChunkColumn<LineageState> _lineageStates;

    /// <summary>Each chain's <see cref="ChainCursor"/>, at [b].</summary>
    public Span<ChainCursor> Cursors => _cursors.Span;

    /// <summary>x_{t,w} at [(w T + t) B + b] (see <see cref="XAt"/>).</summary>
    public Span<int> X => Ints(_x.Span);

    /// <summary>The lineage's latents z_{t,l}^{b_t} at [(l T + t) B + b] (see <see cref="ZLinAt"/>).</summary>
    public Span<int> ZLin => Ints(_zLin.Span);

    /// <summary>The lineage slot b_t at [t B + b].</summary>
    public Span<int> Lineage => Ints(_lineage.Span);

    /// <summary>1 where the chain resampled after step t, at [t B + b].</summary>
    public Span<byte> Resampled => MemoryMarshal.Cast<ResampleFlag, byte>(_resampled.Span);

    /// <summary>The coupled uniforms u_{t,l} at [(l T + t) B + b] (see <see cref="UIndex"/>).</summary>
    public Span<uint> U => MemoryMarshal.Cast<CoupledUniform, uint>(_u.Span);

    /// <summary>The coupled resampling uniforms v_t at [t B + b].</summary>
    public Span<uint> V => MemoryMarshal.Cast<ResampleUniform, uint>(_v.Span);

    /// <summary>Cumulative quantised weights of step t, one row of N + 1 per lane at <see cref="WRow"/>.</summary>
    public Span<uint> WCdf => MemoryMarshal.Cast<WeightCdf, uint>(_wCdf.Span);

    /// <summary>z_{t,l}^i at <see cref="ZIndex(int, int, int, int)"/>.</summary>
    public Span<int> Z => Ints(_z.Span);

    /// <summary>A_t^i at <see cref="AIndex"/>.</summary>
    public Span<int> Anc => Ints(_anc.Span);

    /// <summary>Word k of s_t^i at <see cref="StateIndex"/> (empty when the model keeps no state).</summary>
    public Span<int> States => Ints(_states.Span);

    /// <summary>Word k of the lineage's s_t at <see cref="UIndex"/>(t, k, b) (empty when the model keeps no state).</summary>
    public Span<int> LineageStates => Ints(_lineageStates.Span);

    /// <summary>Index of word k of particle i's state after step t on lane b in <see cref="States"/> (words T N B apart).</summary>
    public int StateIndex(int t, int i, int k, int b) => ((k * T + t) * N + i) * B + b;

    /// <summary>Current log2 weights (Q32) at [b N + i], contiguous per chain for the quantiser.</summary>
    public Span<long> LogW => MemoryMarshal.Cast<LogWeight, long>(_logW.Span);

    private static Span<int> Ints<TComponent>(Span<TComponent> column) where TComponent : unmanaged => MemoryMarshal.Cast<TComponent, int>(column);

    /// <summary>Per-lane rows of the tables a model query returned (proposal, prior, likelihood), and per-lane
    /// scratch: the parents' previous latents ([l B + b]) and a fixed latent value per lane (AIS).</summary>
    public readonly int[] Rows, PriorRows, LikelihoodRows, Previous, Fixed;

    // Every particle's parent latents of one step (GatherAllParents; allocated up front: workers fill disjoint lanes of it).
    private readonly int[] _allParents;

    /// <summary>0 on every lane: the slot of the one particle of a lineage batch (decode's model pass).</summary>
    public readonly int[] FirstSlots;

    /// <summary>Rows of slot-free queries asked once per dimension for all slots ([l B + b]; see
    /// <see cref="ProposalTables"/>, <see cref="FirstPriorTables"/>).</summary>
    public readonly int[] ProposalRowsByDim, PriorRowsByDim;

    /// <summary>Tables of those queries, per worker ([worker L + l]).</summary>
    public readonly QuantizedRows[] ProposalByDim, PriorByDim;

    /// <summary>[b]: one slot's log-weight per lane while the reweight pass sums it (scratch).</summary>
    public readonly long[] Scores;

    /// <summary>The coder's own estimator log2 p̂ of each lane's unit in progress ([b]; WeightTableSystem adds log2 of the mean
    /// weight at every segment end), and per lane the sum, sum of squares and count of finished units' log2 p̂. Reporting
    /// only (doubles): with every unit alone on its chain the pops read clean seeded bits and the mean is an honest Monte
    /// Carlo estimate of the coder's target −E log2 p̂.</summary>
    public readonly double[] EstimatorUnit, EstimatorSum, EstimatorSumSquares;

    /// <summary>Units whose log2 p̂ is in <see cref="EstimatorSum"/>, per lane.</summary>
    public readonly long[] EstimatorUnits;

    // AIS: [b*K + z] log2 q and log2 p(x, z) for the lane's symbol, the current step's rounded log-target,
    // and one kernel row per lane [b*(K+1) + z].
    public readonly long[] LogQ, LogP;
    public readonly int[] StepLog;
    public readonly uint[] KernelCdf;

    // Per-lane scratch.
    public readonly uint[] Starts, Freqs, Cf, Values, Ns;
    public readonly byte[] Mask;
    public readonly int[] Slots, Symbols;

    /// <summary>Every position's likelihood rows of one step ([w B + b]; sessions with <see cref="ILikelihoodRows"/> only).</summary>
    public readonly int[] AllLikelihoodRows;

    /// <summary>LaneRows[b] = b: the rows of a table with one row per lane (weights, AIS kernels).</summary>
    public readonly int[] LaneRows;

    /// <summary>Step t's weight rows of every lane (row b = lane b's cumulative weights, N + 1 entries).</summary>
    public CdfTable WeightTable(int t) => new(WCdf.Slice(WRow(t, 0), B * (N + 1)), B, N, P);

    /// <summary>The AIS kernel rows of every lane (row b = lane b's current Metropolis row).</summary>
    public CdfTable KernelTable => new(KernelCdf, B, K, KernelPrecision);

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

    /// <summary>Per-slot shifts of the coupled uniforms: on 2^r values (particles, one row of N per latent dimension — see
    /// <see cref="ShiftsOf"/>; slot i takes the ⌊(i g mod N) 2^r / N⌋-th point, see <see cref="SlotSpread"/>, or ⌊i 2^r / N⌋
    /// when the coupling scheme does not spread slots, or ⌊π_l(i) 2^r / N⌋ when it shifts per dimension) and 2^p values
    /// (resampling; slot i takes the ⌊i 2^p / N⌋-th point).</summary>
    public readonly uint[] ShiftR, ShiftP;

    /// <summary>The N particle shifts of latent dimension <paramref name="l"/> (the same row for every dimension unless the
    /// coupling scheme shifts per dimension).</summary>
    public Span<uint> ShiftsOf(int l) => ShiftR.AsSpan(l * N, N);

    /// <summary>Index of latent dimension l of particle i of lane b at step t in <see cref="Z"/>: slots B apart, dimensions
    /// <see cref="ZDimStride"/> apart.</summary>
    public int ZIndex(int t, int i, int l, int b) => ((l * T + t) * N + i) * B + b;

    /// <summary>Index of dimension 0 (the only one of a one-dimensional latent).</summary>
    public int ZIndex(int t, int i, int b) => (t * N + i) * B + b;

    /// <summary>Distance between consecutive dimensions of one particle in <see cref="Z"/> (T N B).</summary>
    public int ZDimStride => T * N * B;

    /// <summary>Distance between consecutive dimensions (or symbol positions) of one chain-step in <see cref="X"/>, <see cref="U"/>
    /// and <see cref="ZLin"/> (T B).</summary>
    public int StepDimStride => T * B;

    /// <summary>Index of u_{t,l} of lane b in <see cref="U"/> (and of z_{t,l}^{b_t} in <see cref="ZLin"/>).</summary>
    public int UIndex(int t, int l, int b) => (l * T + t) * B + b;

    /// <summary>x_{t,w} of every lane (B values).</summary>
    public Span<int> XAt(int t, int w) => X.Slice((w * T + t) * B, B);

    /// <summary>z_{t,l}^{b_t} of every lane (B values).</summary>
    public Span<int> ZLinAt(int t, int l) => ZLin.Slice((l * T + t) * B, B);

    /// <summary>Index of particle i's ancestor of lane b at step t in <see cref="Anc"/>.</summary>
    public int AIndex(int t, int i, int b) => (t * N + i) * B + b;

    /// <summary>The slot whose step t - 1 latent particle i of lane b descends from (itself where no resampling happened).</summary>
    public int Parent(int t, int i, int b) => NewSegment(t, b) ? Anc[AIndex(t, i, b)] : i;

    /// <summary><see cref="Parent(int, int, int)"/> with the columns already in hand (for loops over lanes).</summary>
    public int Parent(ReadOnlySpan<int> anc, ReadOnlySpan<byte> resampled, int t, int i, int b) =>
        t > 0 && resampled[(t - 1) * B + b] != 0 ? anc[AIndex(t, i, b)] : i;

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

// FlowContext: everything one local bits-back run (one direction) shares between its systems.
//  * configuration: the CIF (any ICifModel) and its session, the options, B chains, D dimensions, U index dimensions,
//    L layers, and each level's grid: level l < L on the latent grid 2^-GridBits, level L (the data) on 2^-(SymbolBits +
//    DequantBits), every u_l on 2^-IndexGridBits; sigma = 2^-SigmaBits;
//  * the ECS world, which holds the coding state as component columns: the chain block (B entities, ChainCursor), the
//    level block ((L + 1) x B entities, FlowLatent of width D: z_{l,i} of chain b at [(i (L + 1) + l) B + b]) and the
//    index block (L x B entities, FlowIndex of width U: u_{l,j} of chain b at [(j L + l) B + b]). Lane-major columns, so
//    coding coordinate i of a level on every chain reads one contiguous span; there is no second copy;
//  * the rANS lanes behind a RansFlush (uniforms at the compact precision of format version 4);
//  * scratch allocated once: model inputs and outputs (row-major, one row per chain, as ICifSession takes them) and
//    per-lane Gaussian parameters and intervals (FlowContext.Coding.cs), so steady-state coding allocates nothing.
using System.Runtime.InteropServices;
using Engine.Ans;
using Engine.Ans.Quantization;
using Engine.Components;
using Engine.Ecs;
using Engine.Gpu;
using Engine.Modeling.Flows;
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>Shared state of one local bits-back run (one direction).</summary>
internal sealed partial class FlowContext : IDisposable
{
    public FlowContext(ICifModel model, FlowOptions options, RansLanes lanes, IRansBackend backend, bool decoding)
    {
        Model = model;
        Shape = model.Shape;
        Options = options;
        Decoding = decoding;
        B = options.Chains;
        D = Shape.Dims;
        U = Shape.IndexDims;
        L = Shape.Layers;
        N = options.Particles;
        Coupled = options.Coder == FlowCoderKind.CoupledImportanceSampling && U > 0;
        Slots = Coupled ? N + 1 : N;
        Session = model.OpenSession(B);
        Rans = new RansFlush(lanes, backend, concurrent: false, RansFlush.CompactUniformPrecision);
        Sigma = Math.ScaleB(1.0, -options.SigmaBits);
        _levelBits = new int[L + 1];
        for (int l = 0; l < L; l++) _levelBits[l] = options.GridBits;
        _levelBits[L] = Shape.SymbolBits + options.DequantBits;
        Data = [];

        Rows = new double[checked(B * D)];
        Above = new double[checked(B * D)];
        LogScale = new double[checked(B * D)];
        Shift = new double[checked(B * D)];
        StageLogScale = new double[checked(B * D)];
        StageShift = new double[checked(B * D)];
        IndexRows = new double[checked(B * U)];
        IndexMean = new double[checked(B * U)];
        IndexLogStd = new double[checked(B * U)];
        Means = new double[B];
        Stds = new double[B];
        Starts = new uint[B];
        Freqs = new uint[B];
        Cf = new uint[B];
        EscapeValues = new uint[B];
        EscapeN = new uint[B];
        FineValues = new uint[B];
        FineN = new uint[B];
        Coarse = new long[B];
        Tables = new GridGaussian[B];
        UnitNats = new double[B];
        EstimatorSum = new double[B];
        EstimatorSquares = new double[B];
        EstimatorUnits = new long[B];
        DequantN = new uint[B];
        Array.Fill(DequantN, 1u << options.DequantBits);

        World = World.Create();
        World.Register<FlowLatent>(D, VectorLayout.Columns);
        ChainBlock = World.CreateBlock(new Entity[B], Signature.Of<ChainCursor>());
        LevelBlock = World.CreateBlock(new Entity[checked((L + 1) * B)], Signature.Of<FlowLatent>());
        _cursors = ChainBlock.GetColumn<ChainCursor>();
        _levels = LevelBlock.GetColumn<FlowLatent>();
        if (U > 0)
        {
            World.Register<FlowIndex>(U, VectorLayout.Columns);
            IndexBlock = World.CreateBlock(new Entity[checked(L * B)], Signature.Of<FlowIndex>());
            _indices = IndexBlock.GetColumn<FlowIndex>();
        }
        if (options.Coder.HasParticles() && U > 0)
        {
            World.Register<FlowParticleIndex>(U, VectorLayout.Columns);
            ParticleBlock = World.CreateBlock(new Entity[checked(Slots * L * B)], Signature.Of<FlowParticleIndex>());
            _particles = ParticleBlock.GetColumn<FlowParticleIndex>();
            SelectedBlock = World.CreateBlock(new Entity[B], Signature.Of<LineageSlot>());
            _selected = SelectedBlock.GetColumn<LineageSlot>();
        }
        if (Coupled)
        {
            World.Register<FlowCoupledWord>(U, VectorLayout.Columns);
            CoupledBlock = World.CreateBlock(new Entity[checked(L * B)], Signature.Of<FlowCoupledWord>());
            _words = CoupledBlock.GetColumn<FlowCoupledWord>();
            ResidualHigh = new uint[checked(L * U * B)];
            ResidualHighN = new uint[checked(L * U * B)];
            ResidualLow = new uint[checked(L * U * B)];
            ResidualLowN = new uint[checked(L * U * B)];
        }
        else ResidualHigh = ResidualHighN = ResidualLow = ResidualLowN = [];
        ParticleLogWeight = new double[checked(Slots * B)];
        ParticleZ = new double[checked(B * D)];
        QMean = new double[checked(L * B * U)];
        QLogStd = new double[checked(L * B * U)];
        SelectMask = new byte[B];
        LogitScratch = new double[N];
        WeightFreqs = new uint[N];
        WeightStarts = new uint[checked(B * (N + 1))];
        ParticleN = new uint[B];
        ParticleValues = new uint[B];
        Array.Fill(ParticleN, (uint)N);
    }

    public ICifModel Model { get; }
    public ICifSession Session { get; }
    public CifShape Shape { get; }
    public FlowOptions Options { get; }
    public bool Decoding { get; }

    /// <summary>Chains, dimensions, index dimensions, layers, index particles.</summary>
    public readonly int B, D, U, L, N;

    /// <summary>Particle slots: N, and for the coupled coder one more (slot N) where the selected particle is walked.</summary>
    public readonly int Slots;

    /// <summary>True for the coupled importance-sampling coder on a model with an index.</summary>
    public readonly bool Coupled;

    /// <summary>sigma, the width of every level's Gaussian.</summary>
    public double Sigma { get; }

    public RansFlush Rans { get; }
    public World World { get; }

    /// <summary>B chain entities: <see cref="ChainCursor"/>.</summary>
    public Chunk ChainBlock { get; }

    /// <summary>(L + 1) x B level entities, (l, b) at row l B + b: <see cref="FlowLatent"/> (D).</summary>
    public Chunk LevelBlock { get; }

    /// <summary>L x B index entities, (l, b) at row l B + b: <see cref="FlowIndex"/> (U); null for a plain flow.</summary>
    public Chunk? IndexBlock { get; }

    /// <summary>Coupled importance sampling: L x B index entities, (l, b) at row l B + b: <see cref="FlowCoupledWord"/> (U); null otherwise.</summary>
    public Chunk? CoupledBlock { get; }

    /// <summary>Importance sampling over the index: Slots x L x B particle-layer entities, (k, l, b) at row (k L + l) B + b:
    /// <see cref="FlowParticleIndex"/> (U); null otherwise.</summary>
    public Chunk? ParticleBlock { get; }

    /// <summary>Importance sampling over the index: B chain entities with the selected particle (<see cref="LineageSlot"/>).</summary>
    public Chunk? SelectedBlock { get; }

    private readonly int[] _levelBits;
    private readonly ChunkColumn<ChainCursor> _cursors;
    private readonly ChunkColumn<FlowLatent> _levels;
    private readonly ChunkColumn<FlowIndex> _indices;
    private readonly ChunkColumn<FlowParticleIndex> _particles;
    private readonly ChunkColumn<LineageSlot> _selected;
    private readonly ChunkColumn<FlowCoupledWord> _words;

    /// <summary>Encode: the input symbols; decode: the output being filled (row-major, D per unit).</summary>
    public byte[] Data { get; private set; }

    /// <summary>The most units any chain codes.</summary>
    public int MaxUnits { get; private set; }

    /// <summary>Lanes [0, ActiveLanes) code in the current unit step.</summary>
    public int ActiveLanes;

    /// <summary>Each chain's cursor, at [b].</summary>
    public Span<ChainCursor> Cursors => _cursors.Span;

    /// <summary>Coordinate <paramref name="i"/> of level <paramref name="level"/> on every chain (grid indices, B lanes).</summary>
    public Span<int> Level(int level, int i) =>
        MemoryMarshal.Cast<FlowLatent, int>(_levels.Span).Slice((i * (L + 1) + level) * B, B);

    /// <summary>Coordinate <paramref name="j"/> of index u_<paramref name="layer"/> on every chain (grid indices, B lanes).</summary>
    public Span<int> Index(int layer, int j) =>
        MemoryMarshal.Cast<FlowIndex, int>(_indices.Span).Slice((j * L + layer) * B, B);

    /// <summary>Coordinate <paramref name="j"/> of particle <paramref name="k"/>'s index at layer <paramref name="layer"/> on every chain.</summary>
    public Span<int> ParticleIndex(int k, int layer, int j) =>
        MemoryMarshal.Cast<FlowParticleIndex, int>(_particles.Span).Slice(((j * Slots + k) * L + layer) * B, B);

    /// <summary>The coupled coder's shared word of coordinate <paramref name="j"/> of u_<paramref name="layer"/> on every chain.</summary>
    public Span<ulong> CoupledWord(int layer, int j) =>
        MemoryMarshal.Cast<FlowCoupledWord, ulong>(_words.Span).Slice((j * L + layer) * B, B);

    /// <summary>Each chain's selected particle j, at [b].</summary>
    public Span<int> Selected => MemoryMarshal.Cast<LineageSlot, int>(_selected.Span);

    /// <summary>Grid exponent g of level <paramref name="level"/>: its values are grid index x 2^-g.</summary>
    public int LevelBits(int level) => _levelBits[level];

    /// <summary>Starts a run: chain b codes <paramref name="unitCounts"/>[b] units of <paramref name="data"/>, contiguous from unit 0.</summary>
    public void BeginRun(ReadOnlySpan<int> unitCounts, byte[] data)
    {
        Data = data;
        MaxUnits = RunStatistics.StartRuns(Cursors, unitCounts);
        ActiveLanes = 0;
        Array.Clear(UnitNats);
        Array.Clear(EstimatorSum);
        Array.Clear(EstimatorSquares);
        Array.Clear(EstimatorUnits);
        _levels.Span.Clear();
        if (U > 0) _indices.Span.Clear();
        if (ParticleBlock is not null)
        {
            _particles.Span.Clear();
            _selected.Span.Clear();
        }
        if (Coupled) _words.Span.Clear();
    }

    public void Dispose()
    {
        Session.Dispose();
        World.Dispose();
    }
}

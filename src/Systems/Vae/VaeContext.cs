// VaeContext: everything one VAE encode or decode run shares between its systems.
//  * configuration: B chains (lanes), N particles, L latents, D pixels, K = 2^8 latent buckets, the
//    proposal / pixel precision 16 and the weight precision p;
//  * the ECS world: B chain entities and B x N particle entities; a particle's Latent and CoupledUniform
//    are vector components of width L (one bucket index / coupled position per latent dimension);
//  * the rANS lanes behind a RansFlush (batched calls through Engine.Gpu.IRansBackend);
//  * gathered arrays with the lane fastest ([(i L + l) B + b] for particle latents), so one vector pop or
//    push per (slot, dimension) reads a contiguous span; network rows are chain-major (row b N + i);
//  * per-lane scratch allocated once, so steady-state coding allocates nothing per symbol.
using Engine.Ans;
using Engine.Components;
using Engine.Ecs;
using Engine.Gpu;
using Engine.Models.Neural;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Shared state of one VAE coding run (one direction).</summary>
internal sealed class VaeContext : ICodingRun, IDisposable
{
    public VaeContext(VaeModel model, CoderOptions options, RansLanes lanes, IRansBackend backend, bool decoding, int[] unitCounts, byte[] data)
    {
        Model = model;
        Options = options;
        Kind = options.Kind;
        Decoding = decoding;
        Coupled = options.Kind == CoderKind.BbCis;
        B = options.Chains;
        N = options.Particles;
        L = model.Latents;
        D = model.Pixels;
        K = VaeTables.Buckets;
        R = VaeTables.ProposalPrecision;
        P = options.WeightPrecision;
        Rans = new RansFlush(lanes, backend);
        Data = data;
        UnitCount = unitCounts;
        FirstUnit = new int[B];
        for (int b = 1; b < B; b++) FirstUnit[b] = FirstUnit[b - 1] + unitCounts[b - 1];
        foreach (int c in unitCounts) MaxUnits = Math.Max(MaxUnits, c);
        UnitOfLane = new int[B];

        X = new byte[B * D];
        Mean = new float[B * L];
        Std = new float[B * L];
        QCdf = new uint[B * L * (K + 1)];
        Z = new int[N * L * B];
        ZLin = new int[L * B];
        Lineage = new int[B];
        U = new uint[L * B];
        NetIn = new float[checked(B * N * L)];
        Logits = new float[checked(B * N * D)];
        LogW = new long[B * N];
        WCdf = new uint[B * (N + 1)];
        WeightScratch = new uint[N];
        Starts = new uint[B];
        Freqs = new uint[B];
        Cf = new uint[B];
        Values = new uint[B];
        Ns = new uint[B];
        Ones = new uint[B];
        Array.Fill(Ones, 1u);
        ShiftR = new uint[N];
        for (int i = 0; i < N; i++) ShiftR[i] = CoupledPoints.Shift(i, N, R);

        World = Engine.Ecs.World.Create();
        World.Register<Latent>(L);
        World.Register<CoupledUniform>(L);
        ChainEntities = World.CreateMany(B, new Signature(Component<ChainId>.ComponentType, Component<ChainCursor>.ComponentType));
        for (int b = 0; b < B; b++)
        {
            World.Get<ChainId>(ChainEntities[b]) = new ChainId(b);
            World.Get<ChainCursor>(ChainEntities[b]) = new ChainCursor(FirstUnit[b], unitCounts[b], -1);
        }
        ParticleEntities = World.CreateMany(B * N, new Signature(
            Component<ParticleOf>.ComponentType, Component<Latent>.ComponentType, Component<LogWeight>.ComponentType,
            Component<CoupledUniform>.ComponentType));
        for (int b = 0; b < B; b++)
            for (int i = 0; i < N; i++)
                World.Get<ParticleOf>(ParticleEntities[b * N + i]) = new ParticleOf(b, i);
        Chains = World.Query(new QueryDescription().WithAll<ChainId, ChainCursor>());
        Particles = World.Query(new QueryDescription().WithAll<ParticleOf, Latent>());
    }

    public VaeModel Model { get; }
    public CoderOptions Options { get; }
    public CoderKind Kind { get; }
    public bool Decoding { get; }
    public bool Coupled { get; }

    /// <summary>Chains (lanes), particles per chain, latents, pixels, latent buckets.</summary>
    public readonly int B, N, L, D, K;

    /// <summary>Proposal precision r and weight precision p.</summary>
    public readonly int R, P;

    public RansFlush Rans { get; }
    public World World { get; }
    public Entity[] ChainEntities { get; }
    public Entity[] ParticleEntities { get; }
    public Query Chains { get; }
    public Query Particles { get; }

    /// <summary>Encode: the input pixels (0/1, image after image); decode: the output being filled.</summary>
    public byte[] Data { get; }

    public int[] FirstUnit { get; }
    public int[] UnitCount { get; }
    public int MaxUnits { get; }

    /// <summary>Lanes [0, ActiveLanes) code an image in the current unit step; the rest sit out.</summary>
    public int ActiveLanes;

    /// <summary>Absolute image index each lane codes in this step (-1 when it sits out).</summary>
    public readonly int[] UnitOfLane;

    /// <summary>[b D + d]: the current image of each active lane.</summary>
    public readonly byte[] X;

    /// <summary>[b L + l]: q(z|x) of each active lane's image (network floats).</summary>
    public readonly float[] Mean, Std;

    /// <summary>[(b L + l)(K + 1) + k]: cumulative quantised proposal of latent l of lane b's image.</summary>
    public readonly uint[] QCdf;

    /// <summary>[(i L + l) B + b]: bucket of latent l of particle i of lane b.</summary>
    public readonly int[] Z;

    /// <summary>[l B + b]: the selected particle's latents (the ones the model codes).</summary>
    public readonly int[] ZLin;

    /// <summary>[b]: the selected particle j.</summary>
    public readonly int[] Lineage;

    /// <summary>[l B + b]: BB-CIS coupled uniforms, one per latent dimension.</summary>
    public readonly uint[] U;

    /// <summary>[(b N + i) L + l]: decoder inputs (bucket centres); [(b N + i) D + d]: its Bernoulli logits.</summary>
    public readonly float[] NetIn, Logits;

    /// <summary>[b N + i]: log2 importance weights (Q32).</summary>
    public readonly long[] LogW;

    /// <summary>[b (N + 1) + i]: cumulative quantised weights, one row per lane.</summary>
    public readonly uint[] WCdf;

    public readonly uint[] WeightScratch;
    public readonly uint[] Starts, Freqs, Cf, Values, Ns, Ones;

    /// <summary>Per-slot shifts ⌊i 2^r / N⌋ of the coupled uniforms (CoupledPoints convention).</summary>
    public readonly uint[] ShiftR;

    public int ZIndex(int i, int l, int b) => (i * L + l) * B + b;

    /// <summary>The proposal CDF row of latent l of lane b.</summary>
    public ReadOnlySpan<uint> QRow(int b, int l) => QCdf.AsSpan((b * L + l) * (K + 1), K + 1);

    public void Dispose() => World.Dispose();
}

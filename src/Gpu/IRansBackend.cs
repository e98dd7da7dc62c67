// IRansBackend: the one interface through which the coder passes flush batched entropy-coding work
// (docs/architecture.md#the-backend-interface): vector push, two-phase pop and table pop (cf -> symbol by integer CDF search), exact
// uniforms, the coupled inverse CDF and systematic / multinomial resampling.
//
// Lane state stays in Engine.Ans.RansLanes (host memory, owned by the caller). Every lane call codes one
// symbol on each lane of [firstLane, firstLane + n), with n the length of the per-lane spans, and moves
// words between heads and tails exactly as the matching RansLanes call would, so every backend writes
// identical bytes. Masks: an empty mask means every lane is active; otherwise mask[i] != 0 marks lane
// firstLane + i active and an inactive lane's state is left untouched. Arithmetic is integer-only.
//
// Errors: a bad interval, symbol, row or size throws ArgumentException (or a subclass); popping past the
// bottom of a decoder-mode tail throws Engine.Ans.MessageCorruptException.
//
// Concurrency: one backend serves one coding run. Whether that run may call it from several threads at
// once is the backend's ConcurrentLaneCalls: when true, calls whose lane ranges and output spans are
// disjoint may run concurrently (the coders then split each pass over chain ranges, one thread each);
// when false, every call must come from one thread at a time (a GPU backend's queue and buffers are shared).
using Engine.Ans;

namespace Engine.Gpu;

/// <summary>A vectorised rANS / inverse-CDF / resampling backend over host-side <see cref="RansLanes"/>.</summary>
public interface IRansBackend : IDisposable
{
    /// <summary>The backend's name as recorded in messages: "cpu", "ilgpu-cpu" or "cuda".</summary>
    string Name { get; }

    /// <summary>The concrete kind (never <see cref="BackendKind.Auto"/>).</summary>
    BackendKind Kind { get; }

    /// <summary>Whether calls on disjoint lane ranges (with disjoint output spans) may run concurrently from several threads.</summary>
    bool ConcurrentLaneCalls { get; }

    /// <summary>Pushes interval [starts[i], starts[i] + freqs[i]) of 2^precision on lane firstLane + i.</summary>
    void Push(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision,
        ReadOnlySpan<byte> mask = default);

    /// <summary>Phase one of a pop: cf[i] = head(firstLane + i) mod 2^precision.</summary>
    void PeekCf(RansLanes lanes, int firstLane, int precision, Span<uint> cf);

    /// <summary>Phase two of a pop: removes the interval holding each lane's cf and refills heads below 2^32.</summary>
    void Commit(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision,
        ReadOnlySpan<byte> mask = default);

    /// <summary>
    /// Pushes symbols[i] of row rows[i] of <paramref name="table"/> on lane firstLane + i (an empty
    /// <paramref name="rows"/> means row 0 for every lane).
    /// </summary>
    void PushSymbols(RansLanes lanes, int firstLane, CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols);

    /// <summary>Pops one symbol per lane, searching row rows[i] (or row 0) of <paramref name="table"/>.</summary>
    void PopSymbols(RansLanes lanes, int firstLane, CdfRows table, ReadOnlySpan<int> rows, Span<int> symbols);

    /// <summary>
    /// Pushes symbols[i] with lane i's own CDF row: cdfRows[i (K + 1) .. (i + 1)(K + 1)), K =
    /// <paramref name="symbolCount"/>, last entry 2^precision mod 2^32 (rows made fresh each step, e.g. weights).
    /// Rows of masked-out lanes are not read.
    /// </summary>
    void PushRows(RansLanes lanes, int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default);

    /// <summary>Pops one symbol per lane with lane i's own CDF row (see <see cref="PushRows"/>); masked-out lanes keep symbols[i].</summary>
    void PopRows(RansLanes lanes, int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, Span<int> symbols,
        ReadOnlySpan<byte> mask = default);

    /// <summary>Pushes values[i] under the exact Uniform(n[i]) (lanes with n[i] = 1 code nothing).</summary>
    void PushUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n);

    /// <summary>Pops values[i] under the exact Uniform(n[i]) (lanes with n[i] = 1 read 0 and code nothing).</summary>
    void PopUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> n, Span<uint> values);

    /// <summary>
    /// The coupled inverse CDF for B = u.Length chains of N = shifts.Length particles. Per-particle arrays are
    /// slot-major with the chain fastest, as the coders gather them: particle i of chain b sits at
    /// i * <paramref name="slotStride"/> + b (slotStride >= B; pass B for a dense layout). With position
    /// p = <see cref="CoupledPoints.Position"/>(u[b], shifts[i], table.Precision) it writes the latent
    /// F⁻¹(p) searched in row rows[b] (or row 0) and, when <paramref name="residuals"/> is not empty,
    /// p - start(latent): the offset of p inside its bucket (the BB-CIS residual). Every u[b] must be
    /// below 2^Precision. Entries between B and slotStride are left untouched.
    /// </summary>
    void CoupledInverseCdf(CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts, int slotStride,
        Span<int> latents, Span<uint> residuals = default);

    /// <summary>
    /// Multinomial resampling from integer weights given the draws: chain b's weights are the CDF row
    /// weightCdfRows[b (N + 1) .. (b + 1)(N + 1)) (N = <paramref name="particles"/>, every freq >= 1, total
    /// 2^precision, last entry mod 2^32), and the draw for particle i at i * slotStride + b (in [0, 2^precision))
    /// gives the ancestor at the same place: the slot whose interval holds the draw. Chains with mask[b] = 0
    /// are skipped (their rows need not be valid and their ancestors are left untouched).
    /// </summary>
    void ResampleMultinomial(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> draws, int slotStride,
        Span<int> ancestors, ReadOnlySpan<byte> mask = default);

    /// <summary>
    /// Systematic resampling: one offset v = offsets[b] in [0, 2^precision) per chain places the N points
    /// (v + shifts[i]) mod 2^precision (<see cref="CoupledPoints"/>); the ancestor of particle i, stored at
    /// i * slotStride + b, is the slot of chain b's weight row (as in <see cref="ResampleMultinomial"/>)
    /// holding point i. Chains with mask[b] = 0 are skipped.
    /// </summary>
    void ResampleSystematic(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> offsets,
        ReadOnlySpan<uint> shifts, int slotStride, Span<int> ancestors, ReadOnlySpan<byte> mask = default);
}

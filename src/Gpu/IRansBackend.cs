// IRansBackend: the one interface through which the coder passes flush batched entropy-coding work
// (docs/architecture.md#the-backend-interface), and only what they call: interval push and two-phase pop
// (the coupled coders' uniforms at frequency 1), table push and pop (cf -> symbol by the integer CDF search:
// proposal and prior draws, the data, the AIS kernels, multinomial ancestors and the final index j over the
// weight rows), exact uniforms (bits-back residuals), the coupled inverse CDF and systematic resampling.
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
    /// Pushes symbols[i] with row rows[i] of <paramref name="table"/> on lane firstLane + i (an empty
    /// <paramref name="rows"/> means row 0 for every lane). Inactive lanes' rows and symbols are not read.
    /// </summary>
    void PushSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default);

    /// <summary>
    /// Pops one symbol per lane: the symbol of row rows[i] (or row 0) of <paramref name="table"/> whose interval holds
    /// the lane's cf (the integer CDF search), committed in the same call. Inactive lanes keep symbols[i].
    /// </summary>
    void PopSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, Span<int> symbols,
        ReadOnlySpan<byte> mask = default);

    /// <summary>Pushes values[i] under the exact Uniform(n[i]) (lanes with n[i] = 1 code nothing).</summary>
    void PushUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n);

    /// <summary>Pops values[i] under the exact Uniform(n[i]) (lanes with n[i] = 1 read 0 and code nothing).</summary>
    void PopUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> n, Span<uint> values);

    /// <summary>
    /// The coupled inverse CDF for B = u.Length chains of N = shifts.Length particles (one latent dimension: a
    /// caller with several dimensions, or with shifts per particle and dimension, calls once per dimension with
    /// that dimension's uniforms and shifts). Particle i of chain b reads row rows[i * <paramref name="rowSlotStride"/> + b]
    /// (rowSlotStride 0: one row per chain for every particle; an empty <paramref name="rows"/>: row 0) and writes
    /// the latent F⁻¹(p), p = <see cref="CoupledPoints.Position"/>(u[b], shifts[i], table.Precision), at
    /// latents[i * <paramref name="slotStride"/> + b] (slotStride >= B). Every u[b] must be below 2^Precision.
    /// Entries between B and slotStride are left untouched.
    /// </summary>
    void CoupledInverseCdf(CdfTable table, ReadOnlySpan<int> rows, int rowSlotStride, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts,
        int slotStride, Span<int> latents);

    /// <summary>
    /// Systematic resampling: one offset v = offsets[b] in [0, 2^precision) per chain places the N points
    /// (v + shifts[i]) mod 2^precision (<see cref="CoupledPoints"/>); the ancestor of particle i, stored at
    /// i * slotStride + b, is the slot of chain b's weight row holding point i: chain b's weights are the CDF row
    /// weightCdfRows[b (N + 1) .. (b + 1)(N + 1)) (N = <paramref name="particles"/>, every freq >= 1, total
    /// 2^precision, last entry mod 2^32). Chains with mask[b] = 0 are skipped (their rows need not be valid).
    /// (Multinomial resampling is <see cref="PopSymbols"/> over the weight rows: its draws are pops.)
    /// </summary>
    void ResampleSystematic(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> offsets,
        ReadOnlySpan<uint> shifts, int slotStride, Span<int> ancestors, ReadOnlySpan<byte> mask = default);
}

// The coupled coders' shared randomness for one step of one chain: u_t, the uniform on 2^r values from
// which every particle's latent is the inverse CDF of a shifted copy, and v_t, the uniform on 2^p values
// that places all N systematic-resampling points. Width T (element t is step t).
namespace Engine.Components;

/// <summary>Per-step coupled uniforms of a chain (registered with width T).</summary>
/// <param name="Particle">u_t in [0, 2^r): the particles' common uniform.</param>
/// <param name="Resample">v_t in [0, 2^p): the systematic resampling offset after step t.</param>
public record struct ChainUniforms(uint Particle, uint Resample);

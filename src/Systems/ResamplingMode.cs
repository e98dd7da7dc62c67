// When the SMC-family coders resample between steps.
namespace Engine.Systems;

/// <summary>Resampling policy of BB-SMC and BB-CSMC.</summary>
public enum ResamplingMode
{
    /// <summary>Resample after every step but the last.</summary>
    Always,

    /// <summary>Resample when the fixed-point effective sample size falls below N/2.</summary>
    Adaptive,

    /// <summary>Never resample: sequential importance sampling (SIS).</summary>
    Never,
}

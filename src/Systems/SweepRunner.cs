// SweepRunner: runs a SweepPlan (coders × N × chains) on one data set and returns one row per cell, in
// plan order. Cells that cannot run (BB-ELBO with N > 1, AIS on a multi-step model, a coupled coder with
// more particles than its uniform has values) are left out; Skipped lists them with the reason.
using Engine.Models.Toy;

namespace Engine.Systems;

/// <summary>Runs coder × particle-count × chain-count grids.</summary>
public static class SweepRunner
{
    /// <summary>Runs <paramref name="plan"/> on <paramref name="data"/>; <paramref name="progress"/> sees each row as it lands.</summary>
    public static IReadOnlyList<SweepRow> Run(ReadOnlySpan<byte> data, ToyModel model, SweepPlan plan, Action<SweepRow>? progress = null) =>
        Run(data, model, plan, out _, progress);

    /// <summary>As <see cref="Run(ReadOnlySpan{byte}, ToyModel, SweepPlan, Action{SweepRow}?)"/>, also returning the skipped cells.</summary>
    public static IReadOnlyList<SweepRow> Run(ReadOnlySpan<byte> data, ToyModel model, SweepPlan plan, out IReadOnlyList<string> skipped,
        Action<SweepRow>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        var rows = new List<SweepRow>();
        var skips = new List<string>();
        foreach (CoderKind kind in plan.Coders)
        {
            IEnumerable<int> counts = kind == CoderKind.BbElbo ? [1] : plan.Particles;
            foreach (int n in counts)
            {
                foreach (int chains in plan.Chains)
                {
                    var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Seed = plan.Seed, Resampling = plan.Resampling };
                    try
                    {
                        options.Validate(model);
                    }
                    catch (Exception e) when (e is ArgumentOutOfRangeException or NotSupportedException)
                    {
                        skips.Add($"{CoderNames.ToName(kind)} N={n} chains={chains}: {e.Message}");
                        continue;
                    }
                    EncodeResult r = McBitsCodec.Encode(data, model, options);
                    bool? ok = plan.Verify ? RoundTrips(r, model, data) : null;
                    var row = new SweepRow(kind, options.EffectiveResampling, n, chains, r.Units, r.NetBitsPerUnit, r.TotalBitsPerUnit,
                        r.NetBitsPerSymbol, r.InitialBitsPerChain, r.SecondsPerUnit, r.SecondsPerSymbol, r.FileBytes, ok);
                    rows.Add(row);
                    progress?.Invoke(row);
                }
            }
        }
        skipped = skips;
        return rows;
    }

    private static bool RoundTrips(EncodeResult r, ToyModel model, ReadOnlySpan<byte> data)
    {
        try
        {
            return McBitsCodec.Decode(r.Message, model).AsSpan().SequenceEqual(data);
        }
        catch (Engine.Ans.Messages.McbFormatException)
        {
            return false;
        }
    }
}

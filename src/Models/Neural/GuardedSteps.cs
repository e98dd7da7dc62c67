// GuardedSteps: the optimiser step the CIF and VRNN trainers share — backward, clip the gradient's norm, step — except that a
// step whose loss or gradient is not finite is skipped and counted (one bad batch would otherwise turn every weight into NaN),
// with the running mean of the finite losses of the epoch for progress lines and the result.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

internal sealed class GuardedSteps(nn.Module network, OptimizerHelper optimizer, double maxGradNorm)
{
    private double _sum;
    private int _counted;

    /// <summary>Steps skipped so far (loss or gradient not finite).</summary>
    public int Skipped { get; private set; }

    /// <summary>The mean of this epoch's finite losses (NaN before the first).</summary>
    public double EpochMean => _counted == 0 ? double.NaN : _sum / _counted;

    /// <summary>Starts an epoch's mean afresh.</summary>
    public void NextEpoch() => (_sum, _counted) = (0, 0);

    /// <summary>Backpropagates <paramref name="loss"/> (the gradients zeroed before it was computed) and steps, unless it or the
    /// clipped gradient's norm is not finite.</summary>
    public void Step(Tensor loss)
    {
        float value = loss.item<float>();
        if (!float.IsFinite(value))
        {
            Skipped++;
            return;
        }
        loss.backward();
        double norm = nn.utils.clip_grad_norm_(network.parameters(), maxGradNorm);
        if (double.IsFinite(norm)) optimizer.step();
        else Skipped++;
        _sum += value;
        _counted++;
    }
}

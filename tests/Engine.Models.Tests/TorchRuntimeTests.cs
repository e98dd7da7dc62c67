using Engine.Models.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Tests;

public class TorchRuntimeTests
{
    [Test]
    public void LibtorchLoadsAndRunsAForwardPass()
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(7);
        using var layer = nn.Linear(4, 3);
        using var x = torch.ones(2, 4);
        using var y = layer.forward(x);
        Assert.That(y.shape, Is.EqualTo(new long[] { 2, 3 }));
        // Same input rows give the same output rows: the pass really ran through libtorch.
        float[] v = y.data<float>().ToArray();
        Assert.That(v[0..3], Is.EqualTo(v[3..6]));
        Assert.That(v.Any(f => f != 0f), Is.True);
    }
}

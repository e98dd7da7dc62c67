// The small `mcbits` tool recognises VAE checkpoints and messages without TorchSharp (Coding/NeuralTool); its
// constants must stay those of the neural code they stand for, and this build (mcbits-neural) must run them.
using Engine.Cli.Coding;
using Engine.Models.Neural;

namespace Engine.Cli.Tests;

public class NeuralToolTests
{
    [Test]
    public void TheSmallToolsConstantsAreTheNeuralCodes()
    {
        Assert.That(NeuralTool.VaeDescriptionPrefix, Is.EqualTo(VaeLatentModel.DescriptionPrefix));
        Assert.That(NeuralTool.VaeSweepPreset, Is.EqualTo(Engine.Cli.Vae.VaeSweepCommand.PresetName));
        Assert.That(NeuralTool.Available, Is.True, "the tests run the neural build");
    }
}

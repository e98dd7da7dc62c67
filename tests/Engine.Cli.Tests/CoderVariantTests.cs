// CoderVariant: every listed command-line name parses and maps back to itself through a message's
// (kind, resampling); variants map to the right resampling policy; non-SMC coders have no -adaptive.
using Engine.Cli.Coding;
using Engine.Systems;

namespace Engine.Cli.Tests;

internal sealed class CoderVariantTests
{
    [Test]
    public void EveryListedNameParsesAndSurvivesAMessage()
    {
        Assert.That(CoderVariant.CliNames, Has.Count.EqualTo(10));
        foreach (string name in CoderVariant.CliNames)
        {
            CoderVariant c = CoderVariant.Parse(name);
            Assert.That(c.Name.ToLowerInvariant(), Is.EqualTo(name));
            Assert.That(CoderVariant.FromMessage(c.Kind, c.Resampling), Is.EqualTo(c), name);
        }
    }

    [TestCase("bb-sis", CoderKind.BbSmc, ResamplingMode.Never, "BB-SIS")]
    [TestCase("BB-SMC-Adaptive", CoderKind.BbSmc, ResamplingMode.Adaptive, "BB-SMC-adaptive")]
    [TestCase("bb-csmc-adaptive", CoderKind.BbCsmc, ResamplingMode.Adaptive, "BB-CSMC-adaptive")]
    [TestCase(" bb-ais-bitswap ", CoderKind.BbAisBitSwap, ResamplingMode.Always, "BB-AIS-BitSwap")]
    [TestCase("BbCis", CoderKind.BbCis, ResamplingMode.Always, "BB-CIS")]
    public void VariantsMapToKindAndResampling(string text, CoderKind kind, ResamplingMode mode, string display)
    {
        CoderVariant c = CoderVariant.Parse(text);
        Assert.That((c.Kind, c.Resampling, c.Name), Is.EqualTo((kind, mode, display)));
    }

    [TestCase("bb-is-adaptive")]
    [TestCase("bb-elbo-adaptive")]
    [TestCase("bb-foo")]
    [TestCase("")]
    public void BadNamesThrowFormatException(string text) =>
        Assert.That(() => CoderVariant.Parse(text), Throws.InstanceOf<FormatException>());

    [Test]
    public void OptionsCarryTheResamplingPolicy()
    {
        CoderOptions o = CoderVariant.Parse("bb-sis").ToOptions(8, 3, 11);
        Assert.That((o.Kind, o.Resampling, o.Particles, o.Chains, o.Seed), Is.EqualTo((CoderKind.BbSmc, ResamplingMode.Never, 8, 3, 11UL)));
    }
}

// `mcbits train cif`: trains a continuously-indexed flow (or, with --index 0, the plain flow) on 8-bit Fashion-MNIST with the
// dequantised IWAE(k) bound (CifTrainingRun), printing a line every 100 steps, and writes a fingerprinted checkpoint for
// compress --model; ends with the held-out -ELBO in bits/dim. Shared options and their checks: TrainingOptionSet.
#if NEURAL
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Infrastructure;
using Engine.Models.Data;
using Engine.Models.Neural;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>train cif</c> subcommand.</summary>
internal static class TrainCifCommand
{
    public static Command Create()
    {
        var cmd = new Command("cif", "Train a continuously-indexed flow (RealNVP couplings with a per-layer index u; --index 0: the plain flow) on 8-bit Fashion-MNIST with the dequantised IWAE(k) bound; write a checkpoint for compress --model.");
        var layers = new Option<int>("--layers") { Description = "Flow layers L.", DefaultValueFactory = _ => 8 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width H of every small network.", DefaultValueFactory = _ => 256 };
        var index = new Option<int>("--index") { Description = "Index dimensions per layer (0: a plain flow without u).", DefaultValueFactory = _ => 8 };
        var lipschitz = new Option<bool>("--lipschitz") { Description = "Spectrally normalised index networks p(u | z), q(u | z) (1-Lipschitz in z)." };
        var common = new TrainingOptionSet("all", "Classes to train on: 0-4, 5-9, all, or a list like 0,2,7-9.", k: 1,
            "Index samples in the IWAE bound (1 = ELBO).", batch: 64, lr: 5e-4, "artifacts/cif.ckpt", "Score at most this many test images (default 2000).");
        common.AddTo(cmd);
        foreach (Option o in new Option[] { layers, hidden, index, lipschitz }) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            (double rate, ClassSet classSet) = common.Check(parse);
            TrainingOptionSet.AtLeast(parse.GetValue(index), 0, "--index");
            var shape = new CifNetworkShape(FashionMnist.Side, FashionMnist.Side, parse.GetValue(layers), parse.GetValue(hidden), parse.GetValue(index),
                Lipschitz: parse.GetValue(lipschitz));
            if (shape.Problem() is { } bad) throw new CliException("network shape: " + bad, ExitCodes.Usage);
            var spec = new CifRunSpec
            {
                DataDirectory = parse.GetValue(common.Data), Classes = classSet, Shape = shape,
                Training = new CifTrainingOptions
                {
                    K = parse.GetValue(common.K), Epochs = parse.GetValue(common.Epochs), BatchSize = parse.GetValue(common.Batch), LearningRate = rate,
                    Seed = parse.GetValue(common.Seed), Threads = parse.GetValue(common.Threads),
                },
                TrainLimit = parse.GetValue(common.TrainLimit), EvalLimit = parse.GetValue(common.EvalLimit),
                OutputPath = parse.GetValue(common.Output)!, Overwrite = parse.GetValue(common.Force),
            };
            AtomicFile.CheckWritable(spec.OutputPath, spec.Overwrite);
            var inv = CultureInfo.InvariantCulture;
            var t = spec.Training;
            console.Line(string.Create(inv,
                $"training CIF {shape} on classes {classSet}: IWAE k={t.K}, {t.Epochs} epochs, batch {t.BatchSize}, lr {t.LearningRate}, seed {t.Seed}, {t.Threads} thread(s)"));
            CifCheckpointHeader header = TrainingOptionSet.Translate(() => CifTrainingRun.Run(spec, p =>
            {
                if (p.Step % 100 == 0 || p.Step == p.StepsPerEpoch)
                    console.Line(string.Create(inv, $"epoch {p.Epoch}/{t.Epochs} step {p.Step}/{p.StepsPerEpoch}  train -IWAE({t.K}) {p.EpochMeanLoss:F4} bits/dim  {p.EpochSeconds:F0} s"));
            }));
            console.Line(string.Create(inv, $"wrote {spec.OutputPath}  fingerprint {header.Fingerprint}  ({header.TrainSeconds:F0} s)"));
            console.Line(string.Create(inv, $"test -ELBO {header.TestBitsPerDim:F4} bits/dim (classes {header.Classes})"));
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
#endif

// A user's own discrete state-space model, written the way an embedder would: tables from plain numbers
// through the public QuantizedRows / DiscreteModel API, no toy-model types. Three hidden weather states,
// five observed sensor readings; the proposal q(z_t | z_{t-1}, x_t) ∝ transition × emission (locally
// optimal), so it reads the previous latent; q(z_0 | x_0) ∝ prior × emission.
using Engine.Modeling;
using Engine.Modeling.Discrete;

namespace Engine.Systems.Tests.UserModels;

internal static class WeatherHmm
{
    private static readonly double[] Prior = [0.5, 0.3, 0.2];

    private static readonly double[,] Transition =
    {
        { 0.80, 0.15, 0.05 },
        { 0.20, 0.60, 0.20 },
        { 0.10, 0.30, 0.60 },
    };

    private static readonly double[,] Emission =
    {
        { 0.50, 0.30, 0.10, 0.07, 0.03 },
        { 0.10, 0.20, 0.40, 0.20, 0.10 },
        { 0.02, 0.08, 0.20, 0.30, 0.40 },
    };

    public const int States = 3, Readings = 5, Steps = 8;

    public static DiscreteModel Build(ProposalInput input = ProposalInput.PreviousAndObservation)
    {
        QuantizedRows prior = QuantizedRows.FromWeights(Prior, 1, States, 16);
        QuantizedRows transition = QuantizedRows.FromWeights(Flat(Transition), States, States, 16);
        QuantizedRows emission = QuantizedRows.FromWeights(Flat(Emission), States, Readings, 16);
        var first = new double[Readings * States];
        for (int x = 0; x < Readings; x++)
            for (int z = 0; z < States; z++) first[x * States + z] = Prior[z] * Emission[z, x];
        QuantizedRows firstProposal = QuantizedRows.FromWeights(first, Readings, States, 12);
        QuantizedRows proposal = input switch
        {
            ProposalInput.Previous => QuantizedRows.FromWeights(Flat(Transition), States, States, 12),
            ProposalInput.Observation => QuantizedRows.FromWeights(Flat(Transpose(Emission)), Readings, States, 12),
            _ => LocallyOptimal(),
        };
        return new DiscreteModel("weather", Steps, prior, transition, emission, proposal, input, firstProposal, "weather-hmm");
    }

    private static QuantizedRows LocallyOptimal()
    {
        var w = new double[States * Readings * States];
        for (int prev = 0; prev < States; prev++)
            for (int x = 0; x < Readings; x++)
                for (int z = 0; z < States; z++) w[(prev * Readings + x) * States + z] = Transition[prev, z] * Emission[z, x];
        return QuantizedRows.FromWeights(w, States * Readings, States, 12);
    }

    private static double[] Flat(double[,] a) => a.Cast<double>().ToArray();

    private static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
        return t;
    }
}

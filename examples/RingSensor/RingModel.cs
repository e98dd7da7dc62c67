// RingModel: the host's own model of what it simulates, built from plain numbers with the public table API.
// An agent walks a ring of Cells cells (each tick: stay 1/2, one step left or right 1/4 each); the sensor reads
// its cell exactly with probability 0.70, one cell off 0.12 each way, two cells off 0.03 each way. A coding unit
// is one agent's window of Window consecutive readings: a hidden Markov model with a uniform first cell (the
// walk's stationary law) and the locally optimal proposal q(z_t | z_{t-1}, x_t) ∝ transition × emission.
using Engine.Modeling;
using Engine.Modeling.Discrete;

namespace RingSensor;

/// <summary>The ring walk and its noisy sensor as a discrete state-space model.</summary>
public static class RingModel
{
    public const int Cells = 16, Window = 8;

    private const double Floor = 1e-9;

    private static readonly double[] Move = [0.25, 0.5, 0.25];                // step -1, 0, +1
    private static readonly double[] Noise = [0.03, 0.12, 0.70, 0.12, 0.03];  // reading offset -2 .. +2

    public static DiscreteModel Build()
    {
        var prior = new double[Cells];
        var transition = new double[Cells * Cells];
        var emission = new double[Cells * Cells];
        for (int z = 0; z < Cells; z++)
        {
            prior[z] = 1;
            for (int d = -1; d <= 1; d++) transition[z * Cells + Ring(z + d)] += Move[d + 1];
            for (int d = -2; d <= 2; d++) emission[z * Cells + Ring(z + d)] += Noise[d + 2];
        }
        var first = new double[Cells * Cells];       // q(z_0 | x_0) ∝ prior × emission, row x_0
        var optimal = new double[Cells * Cells * Cells]; // q(z_t | z_{t-1}, x_t), row z_{t-1} · Cells + x_t
        for (int x = 0; x < Cells; x++)
            for (int z = 0; z < Cells; z++)
            {
                // A floor keeps rows of impossible (previous cell, reading) pairs valid tables; they are never used.
                first[x * Cells + z] = prior[z] * emission[z * Cells + x] + Floor;
                for (int prev = 0; prev < Cells; prev++)
                    optimal[(prev * Cells + x) * Cells + z] = transition[prev * Cells + z] * emission[z * Cells + x] + Floor;
            }
        return new DiscreteModel("hmm", Window,
            QuantizedRows.FromWeights(prior, 1, Cells, 16),
            QuantizedRows.FromWeights(transition, Cells, Cells, 16),
            QuantizedRows.FromWeights(emission, Cells, Cells, 16),
            QuantizedRows.FromWeights(optimal, Cells * Cells, Cells, 12), ProposalInput.PreviousAndObservation,
            QuantizedRows.FromWeights(first, Cells, Cells, 12), "ring-sensor");
    }

    /// <summary>A cell index taken round the ring.</summary>
    public static int Ring(int cell) => ((cell % Cells) + Cells) % Cells;

    /// <summary>One step of the walk from a uniform draw u in [0, 1).</summary>
    public static int Step(int cell, double u) => Ring(cell + (u < Move[0] ? -1 : u < Move[0] + Move[1] ? 0 : 1));

    /// <summary>The sensor's reading of a cell from a uniform draw u in [0, 1).</summary>
    public static int Read(int cell, double u)
    {
        for (int d = -2; d <= 2; d++)
        {
            u -= Noise[d + 2];
            if (u < 0) return Ring(cell + d);
        }
        return Ring(cell + 2);
    }
}

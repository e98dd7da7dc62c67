// RingSimulation: the host's world — Agents agents walking the ring, each read by the sensor once per tick. Agent a
// closes a window of RingModel.Window readings every Window ticks, staggered by a mod Window, so every tick about
// Agents / Window windows close; Tick returns them (agent order, Window readings each) ready to append as units.
namespace RingSensor;

/// <summary>Agents on a ring and their sensor readings, tick by tick.</summary>
public sealed class RingSimulation
{
    private readonly int[] _cells;
    private readonly byte[] _windows; // agent a's current window at [a · Window ..]
    private readonly byte[] _closed;
    private readonly Random _random;
    private long _tick;

    public RingSimulation(int agents, int seed)
    {
        Agents = agents;
        _random = new Random(seed);
        _cells = new int[agents];
        for (int a = 0; a < agents; a++) _cells[a] = _random.Next(RingModel.Cells);
        _windows = new byte[agents * RingModel.Window];
        _closed = new byte[agents * RingModel.Window];
    }

    public int Agents { get; }

    /// <summary>Moves every agent, reads the sensor, and returns the windows that closed this tick (whole units).</summary>
    public ReadOnlySpan<byte> Tick()
    {
        const int w = RingModel.Window;
        int closed = 0;
        for (int a = 0; a < Agents; a++)
        {
            _cells[a] = RingModel.Step(_cells[a], _random.NextDouble());
            long age = _tick - a % w; // ticks since this agent's first window opened
            if (age < 0) continue;
            int at = (int)(age % w);
            _windows[a * w + at] = (byte)RingModel.Read(_cells[a], _random.NextDouble());
            if (at == w - 1) _windows.AsSpan(a * w, w).CopyTo(_closed.AsSpan(closed++ * w));
        }
        _tick++;
        return _closed.AsSpan(0, closed * w);
    }
}

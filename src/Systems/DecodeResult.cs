// DecodeResult: the decoded symbols of a verified message plus the decode's wall time and, when asked
// for, the scheduler's per-system profiles and trace.
using Engine.Ecs.Scheduling;

namespace Engine.Systems;

/// <summary>What a decode produced and what it cost.</summary>
public sealed class DecodeResult
{
    internal DecodeResult(byte[] data, double seconds, IReadOnlyList<SystemProfile> profiles, IReadOnlyList<TraceEvent> trace, string table)
    {
        Data = data;
        Seconds = seconds;
        Profiles = profiles;
        Trace = trace;
        ProfileTable = table;
    }

    /// <summary>The decoded symbols (verified: every chain back at its initial state, checksum equal).</summary>
    public byte[] Data { get; }

    /// <summary>Wall time of the decode in seconds.</summary>
    public double Seconds { get; }

    /// <summary>Per-system profiles (empty unless requested).</summary>
    public IReadOnlyList<SystemProfile> Profiles { get; }

    /// <summary>Trace events (empty unless requested).</summary>
    public IReadOnlyList<TraceEvent> Trace { get; }

    /// <summary>The profiles as a text table (empty when not profiled).</summary>
    public string ProfileTable { get; }

    /// <summary>Writes <see cref="Trace"/> as Chrome trace-event JSON.</summary>
    public void WriteChromeTrace(string path) => ChromeTraceWriter.WriteFile(path, Trace);
}

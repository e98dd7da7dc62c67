// ChromeTraceWriter: writes trace events in the Chrome trace-event JSON format (opens in Perfetto / chrome://tracing).
// How: {"traceEvents":[...], "displayTimeUnit":"ms"} with a process_name metadata event (the host's entry assembly by
// default: "mcbits", "RingSensor", ...) and a thread_name event per thread (the name its spans carry, else "main" for
// the first thread and "thread N"), so each worker is its own labelled track, then one complete event
// ("ph":"X") per span: name, cat, ts and dur in microseconds, pid, tid, and args holding tick, entities and counters.
using System.Text;
using System.Text.Json;

namespace Engine.Ecs.Scheduling;

/// <summary>Exports <see cref="TraceEvent"/>s as Chrome trace-event JSON.</summary>
public static class ChromeTraceWriter
{
    /// <summary>Writes the events to <paramref name="stream"/> (UTF-8 JSON object with a "traceEvents" array).</summary>
    /// <param name="stream">Where the JSON goes.</param>
    /// <param name="events">The spans.</param>
    /// <param name="processName">The process's label in the viewer; null: the host's entry assembly name.</param>
    /// <param name="processId">The pid field.</param>
    public static void Write(Stream stream, IEnumerable<TraceEvent> events, string? processName = null, int processId = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(events);
        processName ??= HostName;
        var list = events as IReadOnlyCollection<TraceEvent> ?? events.ToArray();
        var threadNames = new SortedDictionary<int, string>();
        foreach (var e in list)
            if (!threadNames.ContainsKey(e.ThreadId) || (e.ThreadName is not null && threadNames[e.ThreadId].StartsWith("thread ", StringComparison.Ordinal)))
                threadNames[e.ThreadId] = e.ThreadName ?? (e.ThreadId == 1 ? "main" : $"thread {e.ThreadId}");
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartArray("traceEvents");
        json.WriteStartObject();
        json.WriteString("name", "process_name");
        json.WriteString("ph", "M");
        json.WriteNumber("pid", processId);
        json.WriteNumber("tid", 0);
        json.WriteStartObject("args");
        json.WriteString("name", processName);
        json.WriteEndObject();
        json.WriteEndObject();
        foreach (var (thread, name) in threadNames)
        {
            json.WriteStartObject();
            json.WriteString("name", "thread_name");
            json.WriteString("ph", "M");
            json.WriteNumber("pid", processId);
            json.WriteNumber("tid", thread);
            json.WriteStartObject("args");
            json.WriteString("name", name);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        foreach (var e in list)
        {
            json.WriteStartObject();
            json.WriteString("name", e.Name);
            json.WriteString("cat", e.Category);
            json.WriteString("ph", "X");
            json.WriteNumber("ts", Math.Round(e.StartMicroseconds, 3));
            json.WriteNumber("dur", Math.Round(e.DurationMicroseconds, 3));
            json.WriteNumber("pid", processId);
            json.WriteNumber("tid", e.ThreadId);
            json.WriteStartObject("args");
            json.WriteString("group", e.Group);
            json.WriteNumber("tick", e.Tick);
            if (e.Category == "system") json.WriteNumber("entities", e.Entities);
            foreach (var counter in e.Counters) json.WriteNumber(counter.Key, counter.Value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteEndObject();
    }

    /// <summary>The events as a JSON string.</summary>
    public static string ToJson(IEnumerable<TraceEvent> events, string? processName = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, events, processName);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the events to the file at <paramref name="path"/> (replacing it).</summary>
    public static void WriteFile(string path, IEnumerable<TraceEvent> events, string? processName = null)
    {
        using var file = File.Create(path);
        Write(file, events, processName);
    }

    /// <summary>The host's name: its entry assembly's (the executable that embeds the engine), or "mcbits".</summary>
    public static string HostName => System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "mcbits";
}

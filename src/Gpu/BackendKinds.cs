// BackendKinds: the text names of BackendKind ("cpu|ilgpu-cpu|cuda|auto"), used by the CLI's
// --backend option and recorded in messages through IRansBackend.Name. Parsing is case-insensitive
// and rejects anything else with a FormatException that lists the valid names.
namespace Engine.Gpu;

/// <summary>Maps <see cref="BackendKind"/> to and from its command-line name.</summary>
public static class BackendKinds
{
    /// <summary>Every accepted name, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "ilgpu-cpu", "cuda", "auto"];

    /// <summary>The command-line name of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static string ToName(BackendKind kind) => kind switch
    {
        BackendKind.Cpu => "cpu",
        BackendKind.IlgpuCpu => "ilgpu-cpu",
        BackendKind.Cuda => "cuda",
        BackendKind.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown backend kind."),
    };

    /// <summary>Parses a name such as "ilgpu-cpu" (case-insensitive, surrounding blanks ignored).</summary>
    /// <exception cref="FormatException">The text is not one of <see cref="Names"/>.</exception>
    public static BackendKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryParse(name, out BackendKind kind))
            return kind;
        throw new FormatException($"Unknown backend '{name}': expected one of {string.Join(", ", Names)}.");
    }

    /// <summary>Parses a name; false when it is not one of <see cref="Names"/>.</summary>
    public static bool TryParse(string? name, out BackendKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "cpu": kind = BackendKind.Cpu; return true;
            case "ilgpu-cpu": kind = BackendKind.IlgpuCpu; return true;
            case "cuda": kind = BackendKind.Cuda; return true;
            case "auto": kind = BackendKind.Auto; return true;
            default: kind = default; return false;
        }
    }
}

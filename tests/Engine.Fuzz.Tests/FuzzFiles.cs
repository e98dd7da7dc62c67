// FuzzFiles: the committed fuzz inputs as the tests see them (copied next to the test assembly from tests/Fuzz):
// corpus/<target>/ holds the seeds afl starts from, regressions/<target>/ every input a fuzz run found a bug
// with (kept after the fix). One shared target instance per name: the message and checkpoint targets load
// libtorch and the models once.
using Engine.Fuzz;

namespace Engine.Fuzz.Tests;

internal static class FuzzFiles
{
    private static readonly Dictionary<string, FuzzTarget> Targets = new(StringComparer.Ordinal);

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fuzz");

    /// <summary>Files of one kind ("corpus" or "regressions") for one target, in a stable order (README files skipped).</summary>
    public static string[] Files(string kind, string target)
    {
        string dir = Path.Combine(Root, kind, target);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    public static FuzzTarget Target(string name)
    {
        lock (Targets)
        {
            if (!Targets.TryGetValue(name, out FuzzTarget? target)) Targets[name] = target = FuzzTarget.Create(name);
            return target;
        }
    }
}

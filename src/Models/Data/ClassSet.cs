// A set of class labels 0..9 as a bit mask, parsed from "all", "0-4", "5-9" or lists like "0,2,7-9".
// Used to split Fashion-MNIST into in-distribution (trained) and out-of-distribution classes.
namespace Engine.Models.Data;

/// <summary>An immutable set of class labels in 0..9 (Fashion-MNIST has ten classes).</summary>
public readonly record struct ClassSet
{
    /// <summary>Number of classes in Fashion-MNIST.</summary>
    public const int ClassCount = 10;

    private const ushort FullMask = (1 << ClassCount) - 1;

    private ClassSet(ushort mask) => Mask = mask;

    /// <summary>Bit i set means class i is in the set.</summary>
    public ushort Mask { get; }

    /// <summary>All ten classes.</summary>
    public static ClassSet All => new(FullMask);

    /// <summary>Classes 0–4 (T-shirt, trouser, pullover, dress, coat).</summary>
    public static ClassSet Lower => new(0b00000_11111);

    /// <summary>Classes 5–9 (sandal, shirt, sneaker, bag, ankle boot).</summary>
    public static ClassSet Upper => new(0b11111_00000);

    /// <summary>The classes not in this set: the out-of-distribution side of a split.</summary>
    public ClassSet Complement => new((ushort)(~Mask & FullMask));

    /// <summary>True when no class is in the set.</summary>
    public bool IsEmpty => Mask == 0;

    /// <summary>Whether <paramref name="label"/> is in the set (labels outside 0..9 never are).</summary>
    public bool Contains(int label) => (uint)label < ClassCount && (Mask & (1 << label)) != 0;

    /// <summary>Builds a set from explicit labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside 0..9.</exception>
    public static ClassSet Of(params int[] labels)
    {
        ushort m = 0;
        foreach (int l in labels)
        {
            if ((uint)l >= ClassCount) throw new ArgumentOutOfRangeException(nameof(labels), l, "Class labels are 0..9.");
            m |= (ushort)(1 << l);
        }
        return new ClassSet(m);
    }

    /// <summary>Parses "all", a single label, a range "a-b" or a comma list of those.</summary>
    /// <exception cref="FormatException">The text is not such a list, or names no class.</exception>
    public static ClassSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Equals("all", StringComparison.OrdinalIgnoreCase)) return All;
        ushort m = 0;
        foreach (string part in t.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !ends.All(IsDigit))
                throw new FormatException($"Bad class list '{text}': use 'all', '0-4', '5-9' or e.g. '0,2,7-9'.");
            int lo = ends[0][0] - '0', hi = ends[^1][0] - '0';
            if (lo > hi) throw new FormatException($"Bad class range '{part}' in '{text}': low end above high end.");
            for (int c = lo; c <= hi; c++) m |= (ushort)(1 << c);
        }
        if (m == 0) throw new FormatException($"Class list '{text}' names no class.");
        return new ClassSet(m);
    }

    /// <summary>Canonical text: "all", or ranges like "0-4" and "0,2,7-9".</summary>
    public override string ToString()
    {
        if (Mask == FullMask) return "all";
        var parts = new List<string>();
        for (int c = 0; c < ClassCount; c++)
        {
            if (!Contains(c)) continue;
            int e = c;
            while (e + 1 < ClassCount && Contains(e + 1)) e++;
            parts.Add(e == c ? $"{c}" : $"{c}-{e}");
            c = e;
        }
        return parts.Count == 0 ? "none" : string.Join(',', parts);
    }

    private static bool IsDigit(string s) => s.Length == 1 && s[0] is >= '0' and <= '9';
}

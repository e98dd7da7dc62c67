// TableViews: a model's QuantizedRows as the CdfTable view the backend's table calls take (its Cdf rows, kept
// by QuantizedRows beside Start and Freq), so a pass hands any table to the backend without copying it; the view
// names the table and its version so a GPU backend keeps one device copy until a row is rewritten.
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Coding;

internal static class TableViews
{
    /// <summary>The rows of <paramref name="rows"/> as a backend table view.</summary>
    public static CdfTable Table(this QuantizedRows rows) =>
        new(rows.Cdf, rows.Rows, rows.Width, rows.Precision) { CacheKey = rows, CacheVersion = rows.Version };
}

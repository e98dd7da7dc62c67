// ComponentRegistry: the per-world table of component widths (how many elements an entity stores) and vector
// layouts (an entity's elements side by side, or element k of every row side by side; see VectorLayout).
// How: arrays indexed by ComponentType.Id, width 0 meaning "not registered yet". A type's width and layout are fixed
// the first time any archetype of the world stores it (width 1 unless registered before), because chunk columns are
// laid out with them; a later Register with another width or layout raises ComponentWidthException instead of
// reinterpreting data.
namespace Engine.Ecs;

/// <summary>
/// Widths of the world's component types. A component registered with width W (a <em>vector component</em>, e.g. a
/// D-dimensional latent) stores W contiguous elements per entity; unregistered components have width 1.
/// </summary>
public sealed class ComponentRegistry
{
    /// <summary>Largest width accepted (keeps row sizes well inside int arithmetic).</summary>
    public const int MaxWidth = 1 << 20;

    private int[] _widths = new int[16];
    private bool[] _inUse = new bool[16];
    private VectorLayout[] _layouts = new VectorLayout[16];

    /// <summary>Registers <typeparamref name="T"/> with <paramref name="width"/> elements per entity, laid out as <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width below 1 or above <see cref="MaxWidth"/>.</exception>
    /// <exception cref="ComponentWidthException">The type is already registered or in use with another width or layout.</exception>
    public void Register<T>(int width = 1, VectorLayout layout = VectorLayout.Interleaved) where T : unmanaged =>
        Register(Component<T>.ComponentType, width, layout);

    /// <summary>Registers <paramref name="type"/> with <paramref name="width"/> elements per entity, laid out as <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width below 1 or above <see cref="MaxWidth"/>.</exception>
    /// <exception cref="ComponentWidthException">The type is already registered or in use with another width or layout.</exception>
    public void Register(ComponentType type, int width, VectorLayout layout = VectorLayout.Interleaved)
    {
        if (width < 1 || width > MaxWidth)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width of {type} must be in [1, {MaxWidth}]");
        Grow(type.Id);
        int current = _widths[type.Id];
        if (current == width && _layouts[type.Id] == layout) return;
        if (current != 0 || _inUse[type.Id])
            throw new ComponentWidthException(null, type, current == 0 ? 1 : current, width,
                $"{type} is already {(_inUse[type.Id] ? "stored" : "registered")} in this world with width {(current == 0 ? 1 : current)} " +
                $"({_layouts[type.Id]}); register it once, before its first use");
        _widths[type.Id] = width;
        _layouts[type.Id] = layout;
    }

    /// <summary>How <paramref name="type"/>'s elements are laid out in chunks (<see cref="VectorLayout.Interleaved"/> unless registered otherwise).</summary>
    public VectorLayout GetLayout(ComponentType type) => type.Id < _layouts.Length ? _layouts[type.Id] : VectorLayout.Interleaved;

    /// <summary>True when <typeparamref name="T"/> was registered or used in this world.</summary>
    public bool IsRegistered<T>() where T : unmanaged
    {
        int id = Component<T>.Id;
        return id < _widths.Length && _widths[id] != 0;
    }

    /// <summary>The width of <typeparamref name="T"/> in this world (1 if it was never registered).</summary>
    public int GetWidth<T>() where T : unmanaged => GetWidth(Component<T>.ComponentType);

    /// <summary>The width of <paramref name="type"/> in this world (1 if it was never registered).</summary>
    public int GetWidth(ComponentType type)
    {
        int id = type.Id;
        return id < _widths.Length && _widths[id] != 0 ? _widths[id] : 1;
    }

    /// <summary>Fixes the width of a type that an archetype is about to store and returns it.</summary>
    internal int Use(ComponentType type)
    {
        Grow(type.Id);
        if (_widths[type.Id] == 0) _widths[type.Id] = 1;
        _inUse[type.Id] = true;
        return _widths[type.Id];
    }

    private void Grow(int id)
    {
        if (id < _widths.Length) return;
        int size = Math.Max(_widths.Length * 2, id + 1);
        Array.Resize(ref _widths, size);
        Array.Resize(ref _inUse, size);
        Array.Resize(ref _layouts, size);
    }
}

// ComponentRegistry: the per-world table of component widths (how many contiguous elements an entity stores).
// How: an int array indexed by ComponentType.Id, 0 meaning "not registered yet". A type's width is fixed the first
// time any archetype of the world stores it (width 1 unless registered before), because chunk columns are laid
// out with it; a later Register with another width raises ComponentWidthException instead of reinterpreting data.
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

    /// <summary>Registers <typeparamref name="T"/> with <paramref name="width"/> elements per entity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width below 1 or above <see cref="MaxWidth"/>.</exception>
    /// <exception cref="ComponentWidthException">The type is already registered or in use with another width.</exception>
    public void Register<T>(int width = 1) where T : unmanaged => Register(Component<T>.ComponentType, width);

    /// <summary>Registers <paramref name="type"/> with <paramref name="width"/> elements per entity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Width below 1 or above <see cref="MaxWidth"/>.</exception>
    /// <exception cref="ComponentWidthException">The type is already registered or in use with another width.</exception>
    public void Register(ComponentType type, int width)
    {
        if (width < 1 || width > MaxWidth)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width of {type} must be in [1, {MaxWidth}]");
        Grow(type.Id);
        int current = _widths[type.Id];
        if (current == width) return;
        if (current != 0 || _inUse[type.Id])
            throw new ComponentWidthException(null, type, current == 0 ? 1 : current, width,
                $"{type} is already {(_inUse[type.Id] ? "stored" : "registered")} in this world with width {(current == 0 ? 1 : current)}; register it once, before its first use");
        _widths[type.Id] = width;
    }

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
    }
}

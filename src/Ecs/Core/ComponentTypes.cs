// ComponentTypes: the process-wide table that gives each component CLR type a dense id.
// How: a lock-protected dictionary + list; ids only grow, so arrays indexed by id can be sized by Count.
namespace Engine.Ecs;

/// <summary>Process-wide table of component types (dense ids in order of first use). Thread-safe.</summary>
public static class ComponentTypes
{
    private static readonly object Gate = new();
    private static readonly Dictionary<Type, ComponentType> ByType = new();
    private static ComponentType[] _byId = new ComponentType[16];
    private static int _count;

    /// <summary>How many component types have ids so far (every id is below this).</summary>
    public static int Count => Volatile.Read(ref _count);

    /// <summary>The component type with the given id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No type has that id.</exception>
    public static ComponentType Get(int id)
    {
        lock (Gate)
        {
            if ((uint)id >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(id), id, "no component type has this id");
            return _byId[id];
        }
    }

    internal static ComponentType Register(Type type, int byteSize)
    {
        lock (Gate)
        {
            if (ByType.TryGetValue(type, out var existing)) return existing;
            var created = new ComponentType(_count, type, byteSize);
            if (_count == _byId.Length) Array.Resize(ref _byId, _count * 2);
            _byId[_count] = created;
            ByType.Add(type, created);
            Volatile.Write(ref _count, _count + 1);
            return created;
        }
    }
}

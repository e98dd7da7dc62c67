// Component<T>: a per-type static cache of T's ComponentType and id.
// How: the static constructor registers T once with ComponentTypes; afterwards Component<T>.Id is a static
// readonly int that tiered JIT folds into a constant, which keeps Get<T>/queries free of dictionary lookups.
namespace Engine.Ecs;

/// <summary>Static cache of the <see cref="Engine.Ecs.ComponentType"/> of <typeparamref name="T"/> (as Arch's <c>Component&lt;T&gt;</c>).</summary>
public static class Component<T> where T : unmanaged
{
    /// <summary>The component type of <typeparamref name="T"/>.</summary>
    public static readonly ComponentType ComponentType = ComponentTypes.Register(typeof(T), System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    /// <summary>Shortcut for <c>ComponentType.Id</c>.</summary>
    public static readonly int Id = ComponentType.Id;
}

// SignatureCache<T...>: per generic instantiation, the Signature of its type arguments and a dense "slot" number.
// How: static readonly fields computed once; a world keeps an archetype array indexed by Slot, so Create<T0,T1>
// finds its archetype with one array load instead of hashing a signature per call. A repeated type argument is
// recorded in Duplicate (not thrown here, where it would surface as a TypeInitializationException).
namespace Engine.Ecs;

internal static class SignatureSlots
{
    private static int _next = -1;

    public static int Next() => Interlocked.Increment(ref _next);
}

internal static class SignatureCache<T0> where T0 : unmanaged
{
    public static readonly Signature Value = new(Component<T0>.ComponentType);
    public static readonly ComponentType? Duplicate = null;
    public static readonly int Slot = SignatureSlots.Next();
}

internal static class SignatureCache<T0, T1> where T0 : unmanaged where T1 : unmanaged
{
    public static readonly Signature Value =
        Signature.Build([Component<T0>.ComponentType, Component<T1>.ComponentType], out Duplicate);

    public static readonly ComponentType? Duplicate;
    public static readonly int Slot = SignatureSlots.Next();
}

internal static class SignatureCache<T0, T1, T2> where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
{
    public static readonly Signature Value = Signature.Build(
        [Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType], out Duplicate);

    public static readonly ComponentType? Duplicate;
    public static readonly int Slot = SignatureSlots.Next();
}

internal static class SignatureCache<T0, T1, T2, T3>
    where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
{
    public static readonly Signature Value = Signature.Build(
        [Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType, Component<T3>.ComponentType],
        out Duplicate);

    public static readonly ComponentType? Duplicate;
    public static readonly int Slot = SignatureSlots.Next();
}

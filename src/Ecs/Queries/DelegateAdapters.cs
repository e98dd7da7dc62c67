// Delegate adapters: wrap a ForEach / ForEachWithEntity delegate as an IForEach struct so the lambda queries
// share the struct-callback loops (one delegate call per entity, which is the lambda path's inherent cost).
namespace Engine.Ecs;

internal readonly struct DelegateForEach<T0>(ForEach<T0> callback) : IForEach<T0>
{
    public void Update(ref T0 c0) => callback(ref c0);
}

internal readonly struct DelegateForEachWithEntity<T0>(ForEachWithEntity<T0> callback) : IForEachWithEntity<T0>
{
    public void Update(Entity entity, ref T0 c0) => callback(entity, ref c0);
}

internal readonly struct DelegateForEach<T0, T1>(ForEach<T0, T1> callback) : IForEach<T0, T1>
{
    public void Update(ref T0 c0, ref T1 c1) => callback(ref c0, ref c1);
}

internal readonly struct DelegateForEachWithEntity<T0, T1>(ForEachWithEntity<T0, T1> callback) : IForEachWithEntity<T0, T1>
{
    public void Update(Entity entity, ref T0 c0, ref T1 c1) => callback(entity, ref c0, ref c1);
}

internal readonly struct DelegateForEach<T0, T1, T2>(ForEach<T0, T1, T2> callback) : IForEach<T0, T1, T2>
{
    public void Update(ref T0 c0, ref T1 c1, ref T2 c2) => callback(ref c0, ref c1, ref c2);
}

internal readonly struct DelegateForEachWithEntity<T0, T1, T2>(ForEachWithEntity<T0, T1, T2> callback) : IForEachWithEntity<T0, T1, T2>
{
    public void Update(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2) => callback(entity, ref c0, ref c1, ref c2);
}

internal readonly struct DelegateForEach<T0, T1, T2, T3>(ForEach<T0, T1, T2, T3> callback) : IForEach<T0, T1, T2, T3>
{
    public void Update(ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3) => callback(ref c0, ref c1, ref c2, ref c3);
}

internal readonly struct DelegateForEachWithEntity<T0, T1, T2, T3>(ForEachWithEntity<T0, T1, T2, T3> callback) : IForEachWithEntity<T0, T1, T2, T3>
{
    public void Update(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3) => callback(entity, ref c0, ref c1, ref c2, ref c3);
}

// World (per-entity query part): Query with a ForEach / ForEachWithEntity lambda and InlineQuery /
// InlineEntityQuery with an IForEach struct, arities 1 to 4, one thread.
// How: for each chunk of each matching archetype, take a ref to row 0 of every column once, then call Update for
// rows 0..Count−1 with Unsafe.Add(ref column, i): no bounds checks, no per-entity lookups, and with a struct
// callback no indirect call at all (the JIT specialises RunChunk per struct type and inlines Update).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0>(in QueryDescription description, ForEach<T0> forEach)
        where T0 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEach<T0>(forEach);
        InlineQuery<DelegateForEach<T0>, T0>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineQuery<TForEach, T0>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0>
        where T0 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id], "InlineQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunChunk<TForEach, T0>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0>(in QueryDescription description, ForEachWithEntity<T0> forEach)
        where T0 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEachWithEntity<T0>(forEach);
        InlineEntityQuery<DelegateForEachWithEntity<T0>, T0>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineEntityQuery<TForEach, T0>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0>
        where T0 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id], "InlineEntityQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunEntityChunk<TForEach, T0>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0, T1>(in QueryDescription description, ForEach<T0, T1> forEach)
        where T0 : unmanaged where T1 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEach<T0, T1>(forEach);
        InlineQuery<DelegateForEach<T0, T1>, T0, T1>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineQuery<TForEach, T0, T1>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1>
        where T0 : unmanaged where T1 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id], "InlineQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunChunk<TForEach, T0, T1>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0, T1>(in QueryDescription description, ForEachWithEntity<T0, T1> forEach)
        where T0 : unmanaged where T1 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEachWithEntity<T0, T1>(forEach);
        InlineEntityQuery<DelegateForEachWithEntity<T0, T1>, T0, T1>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineEntityQuery<TForEach, T0, T1>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1>
        where T0 : unmanaged where T1 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id], "InlineEntityQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunEntityChunk<TForEach, T0, T1>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0, T1, T2>(in QueryDescription description, ForEach<T0, T1, T2> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEach<T0, T1, T2>(forEach);
        InlineQuery<DelegateForEach<T0, T1, T2>, T0, T1, T2>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineQuery<TForEach, T0, T1, T2>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id], "InlineQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunChunk<TForEach, T0, T1, T2>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0, T1, T2>(in QueryDescription description, ForEachWithEntity<T0, T1, T2> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEachWithEntity<T0, T1, T2>(forEach);
        InlineEntityQuery<DelegateForEachWithEntity<T0, T1, T2>, T0, T1, T2>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineEntityQuery<TForEach, T0, T1, T2>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1, T2>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id], "InlineEntityQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunEntityChunk<TForEach, T0, T1, T2>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0, T1, T2, T3>(in QueryDescription description, ForEach<T0, T1, T2, T3> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEach<T0, T1, T2, T3>(forEach);
        InlineQuery<DelegateForEach<T0, T1, T2, T3>, T0, T1, T2, T3>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineQuery<TForEach, T0, T1, T2, T3>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2, T3>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id, Component<T3>.Id], "InlineQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunChunk<TForEach, T0, T1, T2, T3>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/> (one thread).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void Query<T0, T1, T2, T3>(in QueryDescription description, ForEachWithEntity<T0, T1, T2, T3> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        var adapter = new DelegateForEachWithEntity<T0, T1, T2, T3>(forEach);
        InlineEntityQuery<DelegateForEachWithEntity<T0, T1, T2, T3>, T0, T1, T2, T3>(description, ref adapter);
    }

    /// <summary>Calls <paramref name="forEach"/>.Update for every entity matching <paramref name="description"/> (one thread, no delegate); state in the struct persists across entities.</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (iterate chunks instead).</exception>
    public void InlineEntityQuery<TForEach, T0, T1, T2, T3>(in QueryDescription description, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1, T2, T3>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id, Component<T3>.Id], "InlineEntityQuery");
        EnterIteration();
        try
        {
            long touched = 0;
            foreach (var archetype in query.Matched)
            {
                if (archetype.EntityCount == 0) continue;
                var chunks = archetype.Chunks;
                for (int c = 0; c < archetype.ChunkCount; c++) RunEntityChunk<TForEach, T0, T1, T2, T3>(chunks[c], ref forEach);
                touched += archetype.EntityCount;
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunChunk<TForEach, T0>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEach<T0>
        where T0 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(ref Unsafe.Add(ref r0, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunEntityChunk<TForEach, T0>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0>
        where T0 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref r0, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunChunk<TForEach, T0, T1>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1>
        where T0 : unmanaged where T1 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref T1 r1 = ref chunk.ScalarColumnRef<T1>("Query");
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunEntityChunk<TForEach, T0, T1>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1>
        where T0 : unmanaged where T1 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref T1 r1 = ref chunk.ScalarColumnRef<T1>("Query");
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunChunk<TForEach, T0, T1, T2>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref T1 r1 = ref chunk.ScalarColumnRef<T1>("Query");
        ref T2 r2 = ref chunk.ScalarColumnRef<T2>("Query");
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunEntityChunk<TForEach, T0, T1, T2>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1, T2>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref T1 r1 = ref chunk.ScalarColumnRef<T1>("Query");
        ref T2 r2 = ref chunk.ScalarColumnRef<T2>("Query");
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunChunk<TForEach, T0, T1, T2, T3>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2, T3>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref T1 r1 = ref chunk.ScalarColumnRef<T1>("Query");
        ref T2 r2 = ref chunk.ScalarColumnRef<T2>("Query");
        ref T3 r3 = ref chunk.ScalarColumnRef<T3>("Query");
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunEntityChunk<TForEach, T0, T1, T2, T3>(Chunk chunk, ref TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1, T2, T3>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        ref T0 r0 = ref chunk.ScalarColumnRef<T0>("Query");
        ref T1 r1 = ref chunk.ScalarColumnRef<T1>("Query");
        ref T2 r2 = ref chunk.ScalarColumnRef<T2>("Query");
        ref T3 r3 = ref chunk.ScalarColumnRef<T3>("Query");
        ref Entity e = ref MemoryMarshal.GetArrayDataReference(chunk.EntityArray);
        int n = chunk.Size;
        for (int i = 0; i < n; i++) forEach.Update(Unsafe.Add(ref e, i), ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i));
    }
}

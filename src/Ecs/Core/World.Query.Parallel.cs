// World (parallel query part): ParallelQuery with a lambda and ParallelInlineQuery / ParallelInlineEntityQuery
// with a struct callback, arities 1 to 4, plus ParallelChunkQuery.
// How: the matching chunks are listed into a pooled array and handed to Parallel.For, one chunk per work item;
// each work item runs the same specialised loop as the serial query on its own copy of the struct callback.
// Columns are validated on the calling thread first, so bad use throws there, not as an AggregateException.
using System.Buffers;

namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0>(in QueryDescription description, ForEach<T0> forEach)
        where T0 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineQuery<DelegateForEach<T0>, T0>(description, new DelegateForEach<T0>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineQuery<TForEach, T0>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEach<T0>
        where T0 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunChunk<TForEach, T0>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0>(in QueryDescription description, ForEachWithEntity<T0> forEach)
        where T0 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineEntityQuery<DelegateForEachWithEntity<T0>, T0>(description, new DelegateForEachWithEntity<T0>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineEntityQuery<TForEach, T0>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0>
        where T0 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunEntityChunk<TForEach, T0>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0, T1>(in QueryDescription description, ForEach<T0, T1> forEach)
        where T0 : unmanaged where T1 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineQuery<DelegateForEach<T0, T1>, T0, T1>(description, new DelegateForEach<T0, T1>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineQuery<TForEach, T0, T1>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEach<T0, T1>
        where T0 : unmanaged where T1 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunChunk<TForEach, T0, T1>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0, T1>(in QueryDescription description, ForEachWithEntity<T0, T1> forEach)
        where T0 : unmanaged where T1 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineEntityQuery<DelegateForEachWithEntity<T0, T1>, T0, T1>(description, new DelegateForEachWithEntity<T0, T1>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineEntityQuery<TForEach, T0, T1>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1>
        where T0 : unmanaged where T1 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunEntityChunk<TForEach, T0, T1>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0, T1, T2>(in QueryDescription description, ForEach<T0, T1, T2> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineQuery<DelegateForEach<T0, T1, T2>, T0, T1, T2>(description, new DelegateForEach<T0, T1, T2>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineQuery<TForEach, T0, T1, T2>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunChunk<TForEach, T0, T1, T2>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0, T1, T2>(in QueryDescription description, ForEachWithEntity<T0, T1, T2> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineEntityQuery<DelegateForEachWithEntity<T0, T1, T2>, T0, T1, T2>(description, new DelegateForEachWithEntity<T0, T1, T2>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineEntityQuery<TForEach, T0, T1, T2>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1, T2>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunEntityChunk<TForEach, T0, T1, T2>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0, T1, T2, T3>(in QueryDescription description, ForEach<T0, T1, T2, T3> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineQuery<DelegateForEach<T0, T1, T2, T3>, T0, T1, T2, T3>(description, new DelegateForEach<T0, T1, T2, T3>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineQuery<TForEach, T0, T1, T2, T3>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEach<T0, T1, T2, T3>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id, Component<T3>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunChunk<TForEach, T0, T1, T2, T3>(chunk, ref local);
        });
    }

    /// <summary>Calls <paramref name="forEach"/> for every entity matching <paramref name="description"/>, chunks spread over worker threads. The callback must only touch its own entity's components (or thread-safe state).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelQuery<T0, T1, T2, T3>(in QueryDescription description, ForEachWithEntity<T0, T1, T2, T3> forEach)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        ArgumentNullException.ThrowIfNull(forEach);
        ParallelInlineEntityQuery<DelegateForEachWithEntity<T0, T1, T2, T3>, T0, T1, T2, T3>(description, new DelegateForEachWithEntity<T0, T1, T2, T3>(forEach));
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> over each matching chunk on worker threads (each chunk starts from the value passed in; state does not flow between chunks).</summary>
    /// <exception cref="MissingComponentException">A matched archetype lacks a type argument (list it in WithAll).</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    public void ParallelInlineEntityQuery<TForEach, T0, T1, T2, T3>(in QueryDescription description, in TForEach forEach)
        where TForEach : struct, IForEachWithEntity<T0, T1, T2, T3>
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        var query = Query(description);
        query.Validate([Component<T0>.Id, Component<T1>.Id, Component<T2>.Id, Component<T3>.Id], "ParallelQuery");
        var template = forEach;
        RunParallel(query, chunk =>
        {
            var local = template;
            RunEntityChunk<TForEach, T0, T1, T2, T3>(chunk, ref local);
        });
    }

    /// <summary>Runs <paramref name="action"/> on each chunk matching <paramref name="description"/>, chunks spread over worker threads.</summary>
    public void ParallelChunkQuery(in QueryDescription description, Action<Chunk> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        RunParallel(Query(description), action);
    }

    /// <summary>Runs a copy of <paramref name="forEach"/> on each matching chunk, chunks spread over worker threads.</summary>
    public void ParallelChunkQuery<TForEach>(in QueryDescription description, in TForEach forEach) where TForEach : struct, IChunkForEach
    {
        var template = forEach;
        RunParallel(Query(description), chunk =>
        {
            var local = template;
            local.Update(chunk);
        });
    }

    /// <summary>Calls <paramref name="forEach"/>.Update on each chunk matching <paramref name="description"/> (one thread); state persists across chunks.</summary>
    public void InlineChunkQuery<TForEach>(in QueryDescription description, ref TForEach forEach) where TForEach : struct, IChunkForEach
    {
        foreach (var chunk in Query(description)) forEach.Update(chunk);
    }

    private void RunParallel(Query query, Action<Chunk> body)
    {
        int count = 0;
        long touched = 0;
        foreach (var archetype in query.Matched) count += archetype.ChunkCount;
        if (count == 0) return;
        var chunks = ArrayPool<Chunk>.Shared.Rent(count);
        EnterIteration();
        try
        {
            int n = 0;
            foreach (var archetype in query.Matched)
            {
                for (int c = 0; c < archetype.ChunkCount; c++) chunks[n++] = archetype.Chunks[c];
                touched += archetype.EntityCount;
            }
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism };
            try
            {
                Parallel.For(0, n, options, i => body(chunks[i]));
            }
            catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
            {
                // One failing chunk: rethrow its own exception so callers see the typed EcsException.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
            }
            AddQueried(touched);
        }
        finally
        {
            ExitIteration();
            ArrayPool<Chunk>.Shared.Return(chunks, clearArray: true);
        }
    }
}

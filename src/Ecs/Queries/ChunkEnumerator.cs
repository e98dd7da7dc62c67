// ChunkEnumerator: walks the chunks of a query's archetypes for `foreach (var chunk in world.Query(in desc))`.
// How: a ref struct (cannot be stored or copied into the heap) that enters the world's iteration guard on the first
// MoveNext and leaves it when the walk ends or foreach disposes it, so structural changes inside the loop throw.
namespace Engine.Ecs;

/// <summary>Enumerator over the chunks of a <see cref="Query"/>; use it through <c>foreach</c> so it is disposed.</summary>
public ref struct ChunkEnumerator
{
    private readonly World _world;
    private readonly Archetype[] _archetypes;
    private readonly int _count;
    private int _archetype;
    private int _chunk;
    private Chunk? _current;
    private bool _entered;
    private bool _finished;

    internal ChunkEnumerator(World world, Archetype[] archetypes, int count)
    {
        _world = world;
        _archetypes = archetypes;
        _count = count;
        _chunk = -1;
    }

    /// <summary>The current chunk.</summary>
    public readonly Chunk Current => _current ?? throw new InvalidOperationException("enumeration has not started or has ended");

    /// <summary>Advances to the next non-empty chunk.</summary>
    public bool MoveNext()
    {
        if (_finished) return false;
        if (!_entered)
        {
            _world.EnterIteration();
            _entered = true;
        }
        while (_archetype < _count)
        {
            var archetype = _archetypes[_archetype];
            if (++_chunk < archetype.ChunkCount)
            {
                _current = archetype.Chunks[_chunk];
                _world.AddQueried(_current.Size);
                return true;
            }
            _archetype++;
            _chunk = -1;
        }
        _current = null;
        _finished = true;
        Dispose();
        return false;
    }

    /// <summary>Releases the world's iteration guard (foreach calls this).</summary>
    public void Dispose()
    {
        if (!_entered) return;
        _entered = false;
        _finished = true;
        _world.ExitIteration();
    }
}

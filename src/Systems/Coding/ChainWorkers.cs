// ChainWorkers: splits a coder pass over chains [0, count) into contiguous ranges, one per worker, and runs
// them at once: the calling thread takes range 0 and Degree - 1 dedicated background threads the rest.
// Lanes are independent (RansLanes allows concurrent calls on disjoint lane ranges) and every gathered
// array is indexed by chain and slot, so the split never changes a bit of the result; each lane still
// sees its operations in the schedule's order.
//
// Why own threads rather than Parallel.For: a pass runs every few microseconds, and Parallel.For allocates
// its loop state (and a closure) per call; here a call only writes a few fields, signals the workers'
// events and waits on one "done" event, so steady-state coding allocates nothing. Below
// MinChainsPerWorker chains per worker the pass runs inline (the hand-off would cost more than it saves).
// An exception in any range is re-thrown unwrapped on the calling thread after all ranges have stopped
// (the lowest range's first), so callers see e.g. MessageCorruptException exactly as in a serial run.
using System.Runtime.ExceptionServices;

namespace Engine.Systems.Coding;

/// <summary>A fixed team of threads that runs chain-range passes (see the file header).</summary>
internal sealed class ChainWorkers : IDisposable
{
    /// <summary>Fewest chains one worker gets before a pass is split (64 chains run on two workers).</summary>
    public const int MinChainsPerWorker = 32;

    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _go;
    private readonly ManualResetEventSlim _done = new(false);
    private readonly Exception?[] _errors;
    private IChainRangeWork? _work;
    private int _count, _per, _pending, _busy;
    private volatile bool _stopping;

    /// <summary>Creates <paramref name="degree"/> - 1 background threads (none for degree 1).</summary>
    public ChainWorkers(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        Degree = degree;
        _errors = new Exception?[degree];
        _go = new ManualResetEventSlim[degree];
        _threads = new Thread[degree - 1];
        for (int w = 1; w < degree; w++)
        {
            _go[w] = new ManualResetEventSlim(false);
            int worker = w;
            _threads[w - 1] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"mcbits chains {w}" };
            _threads[w - 1].Start();
        }
    }

    /// <summary>Largest number of ranges a pass is split into.</summary>
    public int Degree { get; }

    /// <summary>True while a pass runs split over several ranges (false when it runs inline).</summary>
    public bool Splitting => Volatile.Read(ref _busy) != 0;

    /// <summary>Runs <paramref name="work"/> over chains [0, <paramref name="count"/>), split when large enough.</summary>
    public void Run(IChainRangeWork work, int count)
    {
        int ranges = Math.Min(Degree, count / MinChainsPerWorker);
        if (ranges <= 1)
        {
            if (count > 0) work.RunRange(0, 0, count);
            return;
        }
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("ChainWorkers.Run is not re-entrant: a pass is already running on these workers.");
        int per = (count + ranges - 1) / ranges;
        ranges = (count + per - 1) / per;
        _work = work;
        _count = count;
        _per = per;
        _pending = ranges - 1;
        _done.Reset();
        for (int w = 1; w < ranges; w++) _go[w].Set();
        try
        {
            work.RunRange(0, 0, per);
        }
        catch (Exception e)
        {
            _errors[0] = e;
        }
        _done.Wait();
        _work = null;
        Volatile.Write(ref _busy, 0);
        for (int w = 0; w < ranges; w++)
        {
            Exception? e = _errors[w];
            if (e is null) continue;
            Array.Clear(_errors);
            ExceptionDispatchInfo.Throw(e);
        }
    }

    private void Loop(int worker)
    {
        ManualResetEventSlim go = _go[worker];
        while (true)
        {
            go.Wait();
            go.Reset();
            if (_stopping) return;
            int start = worker * _per;
            try
            {
                _work!.RunRange(worker, start, Math.Min(start + _per, _count));
            }
            catch (Exception e)
            {
                _errors[worker] = e;
            }
            if (Interlocked.Decrement(ref _pending) == 0) _done.Set();
        }
    }

    /// <summary>Stops and joins the threads.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        for (int w = 1; w < Degree; w++) _go[w].Set();
        foreach (Thread thread in _threads) thread.Join();
        for (int w = 1; w < Degree; w++) _go[w].Dispose();
        _done.Dispose();
    }
}

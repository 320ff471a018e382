using System.Numerics.Tensors;

namespace HealthAI.Api.Semantic;

/// <summary>
/// This replica's copy of every chunk vector of the current model, in one contiguous float array, ranked by
/// brute-force SIMD dot product (<see cref="TensorPrimitives"/>): at 100k × 384 a scan is a few milliseconds,
/// exact, and needs no index build (see the bench). Loaded from the store at start and kept current by the
/// embedding worker; each vector carries the stamp it was stored with, so a changed vector is seen.
/// </summary>
internal sealed class VectorIndex : IDisposable
{
    private const int InitialCapacity = 1024;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _slots = [];
    private float[] _vectors = [];
    private long[] _ids = [];
    private long[] _stamps = [];
    private int _count;
    private int _dimensions;

    /// <summary>The knowledge base generation the vectors belong to; a restore starts a new one.</summary>
    public long Generation { get; private set; } = -1;

    /// <summary>Whether the index has been loaded from the store at least once.</summary>
    public bool IsLoaded { get; private set; }

    public int Count => _count;

    public int Dimensions => _dimensions;

    /// <summary>Bytes the vectors take (the array as allocated).</summary>
    public long Bytes => (long)_vectors.Length * sizeof(float);

    /// <summary>Empties the index for a (new) generation.</summary>
    public void Reset(long generation, int dimensions, int capacity)
    {
        _lock.EnterWriteLock();
        try
        {
            _dimensions = dimensions;
            var rows = Math.Max(capacity, InitialCapacity);
            _vectors = new float[(long)rows * dimensions];
            _ids = new long[rows];
            _stamps = new long[rows];
            _slots.Clear();
            _slots.EnsureCapacity(rows);
            _count = 0;
            Generation = generation;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void MarkLoaded() => IsLoaded = true;

    /// <summary>Adds or replaces a chunk's vector; a vector of another length than the index's is refused.</summary>
    public bool Upsert(long id, long stamp, ReadOnlySpan<float> vector)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_dimensions == 0)
            {
                _dimensions = vector.Length;
            }

            if (vector.Length != _dimensions)
            {
                return false;
            }

            if (!_slots.TryGetValue(id, out var slot))
            {
                slot = _count++;
                EnsureRows(_count);
                _slots[id] = slot;
                _ids[slot] = id;
            }

            _stamps[slot] = stamp;
            vector.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a chunk's vector by moving the last one into its slot, so the array stays dense.</summary>
    public void Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.Remove(id, out var slot))
            {
                return;
            }

            var last = --_count;
            if (slot != last)
            {
                _ids[slot] = _ids[last];
                _stamps[slot] = _stamps[last];
                _slots[_ids[slot]] = slot;
                _vectors.AsSpan(last * _dimensions, _dimensions).CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(long id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Compares the index with the store's (id, stamp) pairs: the ids whose vector must be (re)read, and the ids
    /// the store no longer has (deleted, or embedded by another model).
    /// </summary>
    public (List<long> Stale, List<long> Gone) Compare(IReadOnlyList<(long Id, long Stamp)> stored)
    {
        var stale = new List<long>();
        _lock.EnterReadLock();
        try
        {
            var seen = new bool[_count];
            foreach (var (id, stamp) in stored)
            {
                if (_slots.TryGetValue(id, out var slot))
                {
                    seen[slot] = true;
                    if (_stamps[slot] == stamp)
                    {
                        continue;
                    }
                }

                stale.Add(id);
            }

            var gone = new List<long>();
            for (var slot = 0; slot < _count; slot++)
            {
                if (!seen[slot])
                {
                    gone.Add(_ids[slot]);
                }
            }

            return (stale, gone);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The best matches for a unit-length query, best first, written into <paramref name="top"/> (its length is how
    /// many are wanted); returns how many were written. Allocation-free: one dot product per row and an insertion into the top list.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, float minScore, Span<(long Id, float Score)> top)
    {
        if (top.Length == 0)
        {
            return 0;
        }

        _lock.EnterReadLock();
        try
        {
            if (query.Length != _dimensions)
            {
                return 0;
            }

            var found = 0;
            var vectors = _vectors.AsSpan(0, _count * _dimensions);
            for (var slot = 0; slot < _count; slot++)
            {
                var score = TensorPrimitives.Dot(vectors.Slice(slot * _dimensions, _dimensions), query);
                if (score < minScore || (found == top.Length && score <= top[found - 1].Score))
                {
                    continue;
                }

                var at = found == top.Length ? found - 1 : found++;
                while (at > 0 && top[at - 1].Score < score)
                {
                    top[at] = top[at - 1];
                    at--;
                }

                top[at] = (_ids[slot], score);
            }

            return found;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private void EnsureRows(int rows)
    {
        if (rows <= _ids.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, _ids.Length * 2);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _stamps, capacity);
        Array.Resize(ref _vectors, capacity * _dimensions);
    }
}

using System.Collections;

namespace Hearth.Content.Analysis;

/// <summary>
/// Subject identifiers in order of first appearance, interned into one character arena with an
/// open-addressing hash table. A million subjects cost a few large arrays instead of a million
/// string objects, which keeps the garbage collector out of the way when reading big files.
/// Consecutive rows of one subject (the usual layout) skip the hash lookup entirely, and while new
/// subjects arrive in ascending natural order (s1, s2, …, s10: files sorted by subject) a new name
/// cannot have been seen before, so the hash table is built only if that order is ever broken.
/// </summary>
internal sealed class SubjectTable
{
    private char[] _arena = new char[1 << 16];
    private int _arenaUsed;
    private int[] _start = new int[1024];
    private int[] _length = new int[1024];
    private int[] _hash = new int[1024];
    // Each slot holds the hash (high 32 bits) and the subject index + 1 (low 32 bits; 0 is empty), so a
    // probe for a new subject touches one cache line instead of three.
    private long[] _slots = new long[2048];
    private int _last = -1;
    private bool _hashed;

    public int Count { get; private set; }

    /// <summary>
    /// Makes room for <paramref name="subjects"/> subjects whose names take <paramref name="chars"/> characters in all
    /// (estimated from the names so far when not given). Reserving an upper bound once costs only address space:
    /// memory the names never reach is never touched, while growing by doubling copies every name again and again.
    /// </summary>
    public void EnsureCapacity(int subjects, long chars = -1)
    {
        if (subjects > _start.Length)
        {
            Array.Resize(ref _start, subjects);
            Array.Resize(ref _length, subjects);
            Array.Resize(ref _hash, subjects);
        }
        if (chars < 0)
        {
            chars = Count == 0 ? 0 : (long)subjects * _arenaUsed / Count + 64;
        }
        if (chars > _arena.Length && chars < int.MaxValue)
        {
            Array.Resize(ref _arena, (int)chars);
        }
        if (_hashed && subjects * 2 > _slots.Length)
        {
            Rehash((int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)subjects * 2)));
        }
    }

    /// <summary>
    /// Maps every subject of <paramref name="other"/> (a later part of the same file) to this table, adding the new
    /// ones in their order, and returns the map. When both tables are still in ascending natural order and the
    /// other's names (after perhaps the first, the subject whose rows a cut split) all sort after this table's last,
    /// they are all new: their names are copied in one block instead of being looked up one by one.
    /// </summary>
    public int[] Absorb(SubjectTable other)
    {
        var map = new int[other.Count];
        var next = 0;
        if (!_hashed && !other._hashed && other.Count > 0)
        {
            if (Count > 0 && other.NameOf(0).SequenceEqual(NameOf(Count - 1)))
            {
                map[next++] = Count - 1;
            }
            if (next < other.Count && (Count == 0 || NaturalOrder.Compare(other.NameOf(next), NameOf(Count - 1)) > 0))
            {
                EnsureCapacity(Count + other.Count - next);
                var from = other._start[next];
                var chars = other._arenaUsed - from;
                if (_arenaUsed + chars > _arena.Length)
                {
                    Array.Resize(ref _arena, _arenaUsed + chars);
                }
                other._arena.AsSpan(from, chars).CopyTo(_arena.AsSpan(_arenaUsed));
                for (var s = next; s < other.Count; s++, next++)
                {
                    _start[Count] = other._start[s] - from + _arenaUsed;
                    _length[Count] = other._length[s];
                    map[s] = Count++;
                }
                _arenaUsed += chars;
                _last = Count - 1;
            }
        }
        for (; next < other.Count; next++)
        {
            map[next] = IndexOf(other.NameOf(next));
        }
        return map;
    }

    public ReadOnlySpan<char> NameOf(int subject) => _arena.AsSpan(_start[subject], _length[subject]);

    public string StringOf(int subject) => new(NameOf(subject));

    /// <summary>The index of a subject, adding it when new.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(ReadOnlySpan<char> name)
    {
        if (_last >= 0 && name.SequenceEqual(NameOf(_last)))
        {
            return _last;
        }
        if (!_hashed)
        {
            if (Count == 0 || NaturalOrder.Compare(name, NameOf(Count - 1)) > 0)
            {
                _last = Add(name, 0, -1);
                return _last;
            }
            // Out of order: from here on every new name needs the table.
            for (var i = 0; i < Count; i++)
            {
                _hash[i] = string.GetHashCode(NameOf(i));
            }
            _hashed = true;
            Rehash((int)Math.Max(2048, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Count * 4)));
        }
        var hash = string.GetHashCode(name);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                _last = Add(name, hash, slot);
                return _last;
            }
            var candidate = (int)(uint)entry - 1;
            if ((int)(entry >> 32) == hash && name.SequenceEqual(NameOf(candidate)))
            {
                _last = candidate;
                return candidate;
            }
        }
    }

    private int Add(ReadOnlySpan<char> name, int hash, int slot)
    {
        var index = Count;
        if (index == _start.Length)
        {
            var size = _start.Length * 2;
            Array.Resize(ref _start, size);
            Array.Resize(ref _length, size);
            Array.Resize(ref _hash, size);
        }
        if (_arenaUsed + name.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + name.Length));
        }
        name.CopyTo(_arena.AsSpan(_arenaUsed));
        _start[index] = _arenaUsed;
        _length[index] = name.Length;
        _hash[index] = hash;
        _arenaUsed += name.Length;
        Count++;
        if (!_hashed)
        {
            return index;
        }
        _slots[slot] = Slot(hash, index);
        if (Count * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }
        return index;
    }

    private void Rehash(int size)
    {
        _slots = new long[size];
        var mask = size - 1;
        for (var i = 0; i < Count; i++)
        {
            var slot = _hash[i] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _slots[slot] = Slot(_hash[i], i);
        }
    }

    private static long Slot(int hash, int index) => ((long)hash << 32) | (uint)(index + 1);

    /// <summary>A read-only view of some subjects' names, materialised one at a time when read.</summary>
    public IReadOnlyList<string> View(int[] subjects) => new NameList(this, subjects);

    private sealed class NameList(SubjectTable table, int[] subjects) : IReadOnlyList<string>
    {
        public string this[int index] => table.StringOf(subjects[index]);

        public int Count => subjects.Length;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                yield return table.StringOf(subjects[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

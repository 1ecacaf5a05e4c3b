namespace Strata.Memory;

/// <summary>
/// An intrusive doubly linked list of nodes in access order: <see cref="First"/> is the least recently used (the
/// eviction end), <see cref="Last"/> the most recently used. A node is in at most one deque at a time; its
/// <see cref="Node{TKey, TValue}.Region"/> says which. Not thread-safe: used only under the policy lock.
/// </summary>
internal sealed class AccessOrderDeque<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    public Node<TKey, TValue>? First { get; private set; }

    public Node<TKey, TValue>? Last { get; private set; }

    public bool IsEmpty => First is null;

    public void AddLast(Node<TKey, TValue> node)
    {
        node.Previous = Last;
        node.Next = null;
        if (Last is null)
        {
            First = node;
        }
        else
        {
            Last.Next = node;
        }

        Last = node;
    }

    public void AddFirst(Node<TKey, TValue> node)
    {
        node.Previous = null;
        node.Next = First;
        if (First is null)
        {
            Last = node;
        }
        else
        {
            First.Previous = node;
        }

        First = node;
    }

    public void Remove(Node<TKey, TValue> node)
    {
        if (node.Previous is null)
        {
            First = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            Last = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Previous = null;
        node.Next = null;
    }

    public Node<TKey, TValue>? RemoveFirst()
    {
        var first = First;
        if (first is not null)
        {
            Remove(first);
        }

        return first;
    }

    public void MoveToLast(Node<TKey, TValue> node)
    {
        if (!ReferenceEquals(node, Last))
        {
            Remove(node);
            AddLast(node);
        }
    }

    public void MoveToFirst(Node<TKey, TValue> node)
    {
        if (!ReferenceEquals(node, First))
        {
            Remove(node);
            AddFirst(node);
        }
    }

    /// <summary>Forgets every node (their links are left as they are: the caller retires them).</summary>
    public void Clear()
    {
        First = null;
        Last = null;
    }
}

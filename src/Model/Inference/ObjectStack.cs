namespace EcgStream.Model.Inference;

/// <summary>Rent and return on a locked <see cref="Stack{T}"/>: the pools of workspaces and jobs that keep calls allocation-free.</summary>
internal static class ObjectStack
{
    /// <summary>An item from <paramref name="pool"/>, or null when it is empty (the caller creates one).</summary>
    public static T? Rent<T>(Stack<T> pool) where T : class
    {
        lock (pool) return pool.TryPop(out var item) ? item : null;
    }

    /// <summary>Gives <paramref name="item"/> back to <paramref name="pool"/>.</summary>
    public static void Return<T>(Stack<T> pool, T item)
    {
        lock (pool) pool.Push(item);
    }
}

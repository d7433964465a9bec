namespace EcgStream.Trainer.Balancing;

/// <summary>
/// SMOTE, synthetic minority oversampling (Chawla et al., 2002), on the beats of one class: each synthetic beat is
/// s = x + u·(n − x), where x is a member drawn uniformly, n one of x's <see cref="Neighbours"/> nearest members by
/// Euclidean distance (drawn uniformly) and u uniform in [0, 1). Every synthetic beat therefore lies on a segment between
/// two members of the class. Deterministic: the same members, count and <see cref="Random"/> state give the same beats.
/// </summary>
public sealed class Smote
{
    /// <summary>The default number of neighbours, 5 (as the paper and imbalanced-learn).</summary>
    public const int DefaultNeighbours = 5;

    /// <summary>Creates the sampler; <paramref name="neighbours"/> is k, at least 1.</summary>
    public Smote(int neighbours = DefaultNeighbours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        Neighbours = neighbours;
    }

    /// <summary>k, the number of nearest neighbours a synthetic beat may be drawn towards (fewer when the class is smaller).</summary>
    public int Neighbours { get; }

    /// <summary>
    /// <paramref name="count"/> synthetic beats made from <paramref name="members"/> (all of one class, equal lengths).
    /// A class of one beat has no neighbour: its synthetic beats are copies of that beat (the segment shrinks to a point),
    /// which gives the class its share of the loss without inventing a shape. An empty class gives none.
    /// </summary>
    public IReadOnlyList<float[]> Synthesize(IReadOnlyList<float[]> members, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0 || members.Count == 0) return [];
        int length = members[0].Length;
        foreach (var member in members)
        {
            if (member.Length != length) throw new ArgumentException("Every member must have the same length.", nameof(members));
        }

        var synthetic = new List<float[]>(count);
        if (members.Count == 1)
        {
            for (int i = 0; i < count; i++) synthetic.Add((float[])members[0].Clone());
            return synthetic;
        }

        var nearest = NearestNeighbours(members, Math.Min(Neighbours, members.Count - 1));
        for (int i = 0; i < count; i++)
        {
            int origin = random.Next(members.Count);
            int[] candidates = nearest[origin];
            var x = members[origin];
            var n = members[candidates[random.Next(candidates.Length)]];
            float u = (float)random.NextDouble();
            var beat = new float[length];
            for (int t = 0; t < length; t++) beat[t] = x[t] + u * (n[t] - x[t]);
            synthetic.Add(beat);
        }
        return synthetic;
    }

    /// <summary>
    /// For each member, the indexes of its <paramref name="k"/> nearest other members by Euclidean distance, nearest first;
    /// ties go to the lower index so the result does not depend on sort stability.
    /// </summary>
    public static int[][] NearestNeighbours(IReadOnlyList<float[]> members, int k)
    {
        ArgumentNullException.ThrowIfNull(members);
        int n = members.Count;
        if (k < 1 || k > n - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"Must be 1..{n - 1} for {n} members.");

        // Squared distances, computed once per pair: ranking by d² ranks by d. Brute force is n²·length, about 80 M
        // multiply-adds for the largest minority class of a training split (750 beats), well under a second.
        var distances = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double d = SquaredDistance(members[i], members[j]);
                distances[i, j] = d;
                distances[j, i] = d;
            }
        }

        var result = new int[n][];
        var order = new int[n - 1];
        for (int i = 0; i < n; i++)
        {
            int m = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                order[m] = j;
                m++;
            }
            int row = i;
            Array.Sort(order, (a, b) => distances[row, a] != distances[row, b] ? distances[row, a].CompareTo(distances[row, b]) : a.CompareTo(b));
            result[i] = order[..k];
        }
        return result;
    }

    private static double SquaredDistance(float[] a, float[] b)
    {
        double sum = 0;
        for (int t = 0; t < a.Length; t++)
        {
            double d = (double)a[t] - b[t];
            sum += d * d;
        }
        return sum;
    }
}

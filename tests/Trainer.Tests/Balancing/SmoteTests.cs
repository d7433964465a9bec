using EcgStream.Trainer.Balancing;

namespace EcgStream.Trainer.Tests.Balancing;

public sealed class SmoteTests
{
    // Segment membership is checked in double; the float interpolation is off by a few float32 ulps at most.
    private const double OnSegmentTolerance = 1e-5;

    [Fact]
    public void Synthesize_PlacesEveryBeat_OnASegmentToOneOfTheKNearestNeighbours()
    {
        var members = RandomBeats(count: 20, length: 12, seed: 3);
        const int k = 3;

        var synthetic = new Smote(k).Synthesize(members, count: 200, new Random(1));

        var nearest = ReferenceNearest(members, k);
        Assert.Equal(200, synthetic.Count);
        Assert.All(synthetic, s => Assert.True(
            Enumerable.Range(0, members.Count).Any(a => nearest[a].Any(b => OnSegment(s, members[a], members[b]))),
            "a synthetic beat lies on no segment between a member and one of its k nearest neighbours"));
    }

    [Fact]
    public void Synthesize_GivesTheSameBeats_ForTheSameSeed()
    {
        var members = RandomBeats(count: 10, length: 8, seed: 4);

        var first = new Smote().Synthesize(members, 30, new Random(9));
        var second = new Smote().Synthesize(members, 30, new Random(9));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Synthesize_GivesOtherBeats_ForAnotherSeed()
    {
        var members = RandomBeats(count: 10, length: 8, seed: 4);

        var first = new Smote().Synthesize(members, 30, new Random(9));
        var second = new Smote().Synthesize(members, 30, new Random(10));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Synthesize_CopiesTheOnlyMember_WhenTheClassHasOneBeat()
    {
        var only = new[] { 1f, -2f, 3f };

        var synthetic = new Smote().Synthesize([only], count: 4, new Random(1));

        Assert.Equal(4, synthetic.Count);
        Assert.All(synthetic, s => Assert.Equal(only, s));
        Assert.All(synthetic, s => Assert.NotSame(only, s));
    }

    [Fact]
    public void Synthesize_UsesTheOtherMember_WhenTheClassHasTwoBeats()
    {
        float[] a = [0f, 0f], b = [1f, 2f];

        var synthetic = new Smote(neighbours: 5).Synthesize([a, b], count: 50, new Random(2));

        Assert.All(synthetic, s => Assert.True(OnSegment(s, a, b)));
        Assert.Contains(synthetic, s => s[0] is > 0.01f and < 0.99f);
    }

    [Fact]
    public void Synthesize_GivesNothing_ForAnEmptyClass()
    {
        var synthetic = new Smote().Synthesize([], count: 10, new Random(1));

        Assert.Empty(synthetic);
    }

    [Fact]
    public void Synthesize_LeavesTheMembersUnchanged()
    {
        var members = RandomBeats(count: 6, length: 5, seed: 8);
        var before = members.Select(m => (float[])m.Clone()).ToList();

        new Smote().Synthesize(members, 40, new Random(3));

        Assert.Equal(before, members);
    }

    [Fact]
    public void NearestNeighbours_MatchesBruteForceReference()
    {
        var members = RandomBeats(count: 15, length: 7, seed: 5);

        var nearest = Smote.NearestNeighbours(members, k: 4);

        var reference = ReferenceNearest(members, 4);
        for (int i = 0; i < members.Count; i++) Assert.Equal(reference[i], nearest[i]);
    }

    [Fact]
    public void Smote_Rejects_ZeroNeighbours()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Smote(0));
    }

    /// <summary>True when s = a + u·(b − a) for one u in [0, 1], every coordinate within the tolerance.</summary>
    private static bool OnSegment(float[] s, float[] a, float[] b)
    {
        double dot = 0, norm = 0;
        for (int t = 0; t < s.Length; t++)
        {
            dot += ((double)s[t] - a[t]) * ((double)b[t] - a[t]);
            norm += ((double)b[t] - a[t]) * ((double)b[t] - a[t]);
        }
        double u = norm == 0 ? 0 : dot / norm;
        if (u < -OnSegmentTolerance || u > 1 + OnSegmentTolerance) return false;
        for (int t = 0; t < s.Length; t++)
        {
            if (Math.Abs(s[t] - (a[t] + u * ((double)b[t] - a[t]))) > OnSegmentTolerance) return false;
        }
        return true;
    }

    /// <summary>Plain O(n²) neighbour lists: sort all others by (squared distance, index), take k.</summary>
    private static int[][] ReferenceNearest(IReadOnlyList<float[]> members, int k) =>
        Enumerable.Range(0, members.Count).Select(i => Enumerable.Range(0, members.Count).Where(j => j != i)
            .OrderBy(j => members[i].Zip(members[j], (x, y) => ((double)x - y) * ((double)x - y)).Sum()).ThenBy(j => j)
            .Take(k).ToArray()).ToArray();

    private static List<float[]> RandomBeats(int count, int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToList();
    }
}

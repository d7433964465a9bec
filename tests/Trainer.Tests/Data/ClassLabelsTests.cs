using EcgStream.Beats.Ecg5000;
using EcgStream.Model.Classification;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Tests.Data;

/// <summary>The class names a trained file carries, the trainer's reports and the wire must be one list.</summary>
public sealed class ClassLabelsTests
{
    [Fact]
    public void ClassLabels_Names_AreTheClassifierFilesDefaultNames()
    {
        Assert.Equal(ClassifierMetadata.Ecg5000ClassNames, ClassLabels.Names);
    }

    [Theory]
    [InlineData(BeatClass.Normal, 0, "Normal")]
    [InlineData(BeatClass.RonTPvc, 1, "R-on-T PVC")]
    [InlineData(BeatClass.Ub, 4, "Unclassified")]
    public void ClassLabels_MapsArchiveClassToIndexAndName(BeatClass beatClass, int index, string name)
    {
        Assert.Equal(index, ClassLabels.IndexOf(beatClass));
        Assert.Equal(beatClass, ClassLabels.ClassAt(index));
        Assert.Equal(name, ClassLabels.NameAt(index));
    }

    [Fact]
    public void ClassLabels_ClassAt_Throws_ForIndexOutsideZeroToFour()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassLabels.ClassAt(5));
    }
}

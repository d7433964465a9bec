using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>Reads ECG5000 from a data directory and splits it by a protocol.</summary>
public static class Ecg5000DataSet
{
    /// <summary>
    /// Locates and reads the TRAIN and TEST files in <paramref name="directory"/> (.txt or .tsv) and splits them.
    /// Throws <see cref="Ecg5000FormatException"/> naming the missing or bad file.
    /// </summary>
    public static SplitDataSet Load(string directory, DataProtocol protocol, int splitSeed = Ecg5000Splits.DefaultSplitSeed)
    {
        var (trainPath, testPath) = Ecg5000Reader.Locate(directory);
        var train = Ecg5000Reader.Read(trainPath);
        var test = Ecg5000Reader.Read(testPath);
        return Ecg5000Splits.Build(train, test, protocol, splitSeed);
    }

    /// <summary>
    /// Locates and reads the TRAIN and TEST files in <paramref name="directory"/> and splits them for the beat classifier
    /// (<see cref="ClassifierSplits"/>). Throws <see cref="Ecg5000FormatException"/> naming the missing or bad file.
    /// </summary>
    public static SplitDataSet LoadForClassifier(string directory, DataProtocol protocol, int splitSeed = Ecg5000Splits.DefaultSplitSeed)
    {
        var (trainPath, testPath) = Ecg5000Reader.Locate(directory);
        var train = Ecg5000Reader.Read(trainPath);
        var test = Ecg5000Reader.Read(testPath);
        return ClassifierSplits.Build(train, test, protocol, splitSeed);
    }
}

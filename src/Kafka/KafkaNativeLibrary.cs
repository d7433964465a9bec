using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EcgStream.Kafka;

/// <summary>
/// Makes Confluent.Kafka and the embedded broker use the librdkafka that librdkafka.redist ships, never a system copy.
/// </summary>
/// <remarks>
/// Left alone, .NET's probing falls through to Debian's librdkafka 2.0.2 when the redist's default build cannot load
/// (it needs libsasl2.so.3, which Debian 12 lacks), and 2.0.2 lacks symbols Confluent.Kafka 2.16 and the mock cluster use.
/// The resolver loads the redist's default build and, failing that, its self-contained centos8 build from the same folder.
/// It is installed when this assembly is first used, so create clients through <see cref="KafkaOptions"/> (or call
/// <see cref="EnsureLoaded"/>) before touching Confluent.Kafka.
/// </remarks>
public static class KafkaNativeLibrary
{
    // Loaded once; every import of "librdkafka" in Confluent.Kafka and in this assembly gets the same handle.
    private static readonly Lazy<nint> Handle = new(LoadBundled);

    /// <summary>Path of the native library in use, or null when the platform's default probing was used.</summary>
    public static string? LoadedPath { get; private set; }

    /// <summary>Installs the resolver (if not yet) and loads librdkafka; returns its version string, e.g. "2.16.0".</summary>
    public static string EnsureLoaded()
    {
        Install();
        return Confluent.Kafka.Library.VersionString;
    }

    [ModuleInitializer]
    internal static void Install()
    {
        TrySetResolver(typeof(Confluent.Kafka.Library).Assembly);
        TrySetResolver(typeof(KafkaNativeLibrary).Assembly);
    }

    private static void TrySetResolver(Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for this assembly (installed earlier by this class); keep it.
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name.Contains("rdkafka", StringComparison.Ordinal) ? Handle.Value : 0;

    private static nint LoadBundled()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        string rid = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            _ => "",
        };
        string[] folders = [Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"), AppContext.BaseDirectory];
        foreach (string folder in folders)
        foreach (string file in (string[])["librdkafka.so", "centos8-librdkafka.so"])
        {
            string path = Path.Combine(folder, file);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out nint handle))
            {
                LoadedPath = path;
                return handle;
            }
        }
        // Not a build with the redist's files beside it: let the default probing find one (and fail clearly if none).
        return 0;
    }
}

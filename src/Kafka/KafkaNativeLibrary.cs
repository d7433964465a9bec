using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EcgStream.Kafka;

/// <summary>
/// Makes Confluent.Kafka and the embedded broker use the librdkafka that librdkafka.redist ships, never a system copy.
/// </summary>
/// <remarks>
/// The redist ships two glibc builds for linux-x64: the default <c>librdkafka.so</c>, linked against Cyrus SASL's
/// <c>libsasl2.so.3</c> (for Kerberos/GSSAPI), and the self-contained <c>centos8-librdkafka.so</c>, which needs only libc.
/// Debian's libsasl2-2 provides <c>libsasl2.so.2</c>, so on Debian 12 the default build does not load and the resolver
/// takes the self-contained one from the same folder (every other SASL mechanism, SSL and compression are built in).
/// Without the resolver .NET's probing would fall through to whatever system librdkafka it finds, or fail.
/// It is installed when this assembly is first used, so create clients through <see cref="KafkaOptions"/> (or call
/// <see cref="EnsureLoaded"/>) before touching Confluent.Kafka. <see cref="LoadedBuild"/> says which build it loaded and why.
/// </remarks>
public static class KafkaNativeLibrary
{
    // Loaded once; every import of "librdkafka" in Confluent.Kafka and in this assembly gets the same handle.
    private static readonly Lazy<nint> Handle = new(LoadBundled);

    /// <summary>The redist's builds, in the order they are tried, with what each one is.</summary>
    private static readonly (string File, string Description)[] Builds =
    [
        ("librdkafka.so", "default build"),
        ("centos8-librdkafka.so", "self-contained build"),
    ];

    /// <summary>Path of the native library in use, or null when the platform's default probing was used.</summary>
    public static string? LoadedPath { get; private set; }

    /// <summary>One line saying which build was loaded from where, and why an earlier one was passed over, e.g.
    /// "self-contained build centos8-librdkafka.so from .../runtimes/linux-x64/native (default build librdkafka.so did not
    /// load: libsasl2.so.3: cannot open shared object file: No such file or directory)". Null until loaded.</summary>
    public static string? LoadedBuild { get; private set; }

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
        if (!OperatingSystem.IsLinux())
        {
            LoadedBuild = "the platform's default probing (the redist's Linux builds apply on Linux only)";
            return 0;
        }
        string rid = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            _ => "",
        };
        string[] folders = [Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"), AppContext.BaseDirectory];
        var passedOver = new List<string>();
        foreach (string folder in folders)
            foreach (var (file, description) in Builds)
            {
                string path = Path.Combine(folder, file);
                if (!File.Exists(path)) continue;
                try
                {
                    nint handle = NativeLibrary.Load(path);
                    LoadedPath = path;
                    LoadedBuild = $"{description} {file} from {folder}"
                        + (passedOver.Count == 0 ? "" : $" ({string.Join("; ", passedOver)})");
                    return handle;
                }
                catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
                {
                    // A truncated or wrong-architecture file is passed over like a missing dependency, so the next build is tried.
                    // The loader's message names what is missing (for the default build on Debian: libsasl2.so.3).
                    passedOver.Add($"{description} {file} did not load: {LoaderReason(e.Message, path)}");
                }
            }
        // Not a build with the redist's files beside it: let the default probing find one (and fail clearly if none).
        LoadedBuild = "the platform's default probing: no redist build loaded from " + string.Join(" or ", folders)
            + (passedOver.Count == 0 ? "" : $" ({string.Join("; ", passedOver)})");
        return 0;
    }

    /// <summary>The dynamic loader's own words from a load failure: .NET puts them on the message's last line, after its advice
    /// on diagnosing loading problems (and sometimes after the path it tried).</summary>
    private static string LoaderReason(string message, string path)
    {
        string last = message.TrimEnd().Split('\n')[^1].Trim();
        string prefix = path + ": ";
        return last.StartsWith(prefix, StringComparison.Ordinal) ? last[prefix.Length..] : last;
    }
}

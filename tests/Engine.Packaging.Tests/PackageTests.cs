// The NuGet packages as a user meets them: every library under src/ is packed (without rebuilding) into a local
// feed, a fresh project outside the repository (Consumer/) restores McBits.Coders from that feed into its own
// package folder, builds and runs a round trip with its own HMM and a toy model, one shot and streaming; its
// dependency graph (obj/project.assets.json) must hold the McBits packages and MessagePack but no TorchSharp,
// SkiaSharp or ILGPU. Packages already in the machine's NuGet cache serve as a fallback folder, so MessagePack
// needs no network. Slow (a minute): it runs dotnet pack, restore, build and the program.
using System.Diagnostics;
using System.Text.Json;

namespace Engine.Packaging.Tests;

public class PackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Test]
    public void TheCoderPackagesRestoreIntoAFreshProjectRoundTripAndPullNoNeuralOrGpuStack()
    {
        string root = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("mcbits-packages-").FullName;
        try
        {
            string feed = Path.Combine(work, "feed"), consumer = Path.Combine(work, "consumer");
            string version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            foreach (string project in Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories).Order())
            {
                if (project.Contains("/Cli/", StringComparison.Ordinal)) continue;
                Run("dotnet", ["pack", project, "--no-build", "-c", Configuration, "-o", feed, $"-p:Version={version}"], root);
            }
            string[] packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).ToArray()!;
            TestContext.Out.WriteLine(string.Join("\n", packages));
            foreach (string id in new[] { "McBits.Ecs", "McBits.Ans", "McBits.Components", "McBits.Backends", "McBits.Gpu", "McBits.Modeling", "McBits.Models.Toy",
                         "McBits.Neural", "McBits.Coders", "McBits.Neural.Coders" })
                Assert.That(packages, Does.Contain($"{id}.{version}.nupkg"));

            Directory.CreateDirectory(consumer);
            string here = Path.Combine(TestContext.CurrentContext.TestDirectory, "Consumer");
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), File.ReadAllText(Path.Combine(here, "Consumer.csproj.template")).Replace("@VERSION@", version));
            File.Copy(Path.Combine(here, "Program.cs"), Path.Combine(consumer, "Program.cs"));
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <add key="machine-cache" value="{cache}" />
                  </fallbackPackageFolders>
                </configuration>
                """);
            Run("dotnet", ["build", consumer, "-c", "Release", "--packages", Path.Combine(work, "packages")], consumer);
            string output = Run("dotnet", ["run", "--project", consumer, "--no-build", "-c", "Release"], consumer);
            Assert.That(output, Does.Contain("round trips ok"));

            using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")));
            string[] libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToArray();
            TestContext.Out.WriteLine("graph: " + string.Join(", ", libraries));
            Assert.That(libraries, Does.Contain("McBits.Coders").And.Contain("McBits.Models.Toy").And.Contain("MessagePack"));
            foreach (string banned in new[] { "TorchSharp", "SkiaSharp", "ILGPU", "McBits.Neural", "McBits.Gpu", "libtorch" })
                Assert.That(libraries.Where(l => l.StartsWith(banned, StringComparison.OrdinalIgnoreCase)), Is.Empty, $"the toy-model graph pulls {banned}");
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
        throw new InvalidOperationException("Engine.sln not found above the test directory.");
    }

    private static string Run(string file, string[] args, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(), stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} took over 5 minutes");
        }
        string text = stdout.Result + stderr.Result;
        Assert.That(p.ExitCode, Is.Zero, $"{file} {string.Join(' ', args)} failed:\n{text}");
        return text;
    }
}

// The NuGet packages as a user meets them: every library under src/ is packed (without rebuilding) into a local
// feed, a fresh project outside the repository (Consumer/) restores McBits.Coders from that feed into its own
// package folder, builds and runs a round trip with its own HMM and a toy model, one shot and streaming; its
// dependency graph (obj/project.assets.json) must hold the McBits packages and MessagePack but no TorchSharp,
// SkiaSharp or ILGPU. Packages already in the machine's NuGet cache serve as a fallback folder, so MessagePack
// needs no network. The small tool is packed (ReadyToRun, linux-x64), installed into a tool folder and run in a
// clean folder. The README's sweep script (examples/sweep.cs) runs as a file-based program. Slow (about a minute):
// dotnet pack, restore, build, tool install and the programs.
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
                if (Path.GetFileName(Path.GetDirectoryName(project))!.StartsWith("Cli", StringComparison.Ordinal)) continue; // the tools: see below
                Run("dotnet", ["pack", project, "--no-build", "-c", Configuration, "-o", feed, $"-p:PackageVersion={version}"], root);
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

    [Test]
    public void TheSmallToolInstallsAndCompressesInACleanFolderAndNamesTheNeuralToolForACheckpoint()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier != "linux-x64")
            Assert.Ignore("The mcbits tool package is built for linux-x64; this machine is " + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);
        string root = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("mcbits-tool-").FullName;
        try
        {
            string feed = Path.Combine(work, "feed"), tools = Path.Combine(work, "tools"), clean = Path.Combine(work, "clean");
            string version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            // PackageVersion, not Version: the assemblies keep their version, so the libraries other test runs load are not rebuilt.
            Run("dotnet", ["pack", Path.Combine(root, "src", "Cli.Lite"), "-c", Configuration, "-o", feed, $"-p:PackageVersion={version}"], root);
            var package = new FileInfo(Path.Combine(feed, $"McBits.Cli.linux-x64.{version}.nupkg"));
            Assert.That(package.Exists, Is.True, "the linux-x64 tool package");
            Run("dotnet", ["tool", "install", "McBits.Cli", "--version", version, "--tool-path", tools, "--add-source", feed], work);
            long installed = Directory.GetFiles(tools, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".nupkg", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
            TestContext.Out.WriteLine($"package {package.Length / 1e6:F1} MB, installed files {installed / 1e6:F1} MB");
            Assert.That(package.Length, Is.LessThan(25_000_000));
            Assert.That(installed, Is.LessThan(50_000_000), "the small tool stays well under 50 MB");
            Assert.That(Directory.GetFiles(tools, "*", SearchOption.AllDirectories).Select(Path.GetFileName),
                Has.None.Contains("Torch").And.None.Contains("libtorch"), "no TorchSharp in the small tool");

            Directory.CreateDirectory(clean);
            string mcbits = Path.Combine(tools, "mcbits");
            Run(mcbits, ["sample", "-m", "toy-hmm", "--symbols", "500", "-o", "x.bin"], clean);
            Run(mcbits, ["compress", "x.bin", "-m", "toy-hmm", "--coder", "bb-csmc", "-N", "8"], clean);
            Run(mcbits, ["decompress", "x.bin.mcb", "-o", "y.bin"], clean);
            Assert.That(File.ReadAllBytes(Path.Combine(clean, "y.bin")), Is.EqualTo(File.ReadAllBytes(Path.Combine(clean, "x.bin"))));
            (int code, string text) = RunAllowingFailure(mcbits, ["compress", "x.bin", "-m", "vae.ckpt"], clean);
            Assert.That(code, Is.EqualTo(1), text);
            Assert.That(text, Does.Contain("mcbits-neural").And.Contain("McBits.Cli.Neural"));
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    [Test]
    public void TheSweepScriptRunsAsAFileBasedProgram()
    {
        string root = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("mcbits-script-").FullName;
        try
        {
            string output = Run("dotnet", ["run", Path.Combine(root, "examples", "sweep.cs")], work);
            Assert.That(output, Does.Contain("20 cells, every round trip ok"));
            string[] cells = File.ReadAllLines(Path.Combine(work, "sweep.csv"));
            Assert.That(cells[0], Does.StartWith("preset,model,model_seed"));
            Assert.That(cells, Has.Length.EqualTo(21));
            Assert.That(File.ReadAllLines(Path.Combine(work, "runs.csv")), Has.Length.EqualTo(61), "20 cells x 3 seeds");
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
        (int code, string text) = RunAllowingFailure(file, args, directory);
        Assert.That(code, Is.Zero, $"{file} {string.Join(' ', args)} failed:\n{text}");
        return text;
    }

    private static (int Code, string Text) RunAllowingFailure(string file, string[] args, string directory)
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
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

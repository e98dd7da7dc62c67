// BenchmarkDotNet entry: `dotnet run -c Release --project bench/Engine.Bench -- --filter '*Name*'`.
using BenchmarkDotNet.Running;

namespace Engine.Bench;

internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

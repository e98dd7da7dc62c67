// CliHarness: runs the mcbits command tree in-process (Program.Run with captured writers) inside a fresh
// temporary directory per test, and offers the assertions every failure test shares: a non-zero exit,
// exactly one "mcbits: error:" line on stderr, and no output or temporary file left behind.
using Engine.Cli;

namespace Engine.Cli.Tests;

/// <summary>Base fixture: a temporary directory and an in-process runner.</summary>
internal abstract class CliHarness
{
    /// <summary>This test's scratch directory (deleted afterwards).</summary>
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDirectory()
    {
        Dir = Path.Combine(Path.GetTempPath(), "mcbits-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }

    /// <summary>A path inside <see cref="Dir"/>.</summary>
    protected string P(string name) => Path.Combine(Dir, name);

    /// <summary>Runs mcbits with <paramref name="args"/>.</summary>
    protected static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts success.</summary>
    protected static CliResult RunOk(params string[] args)
    {
        CliResult r = Run(args);
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        // A run longer than 2 s reports its progress on standard error (StderrProgress); on a loaded machine any run may be one.
        string[] other = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^mcbits: (encoding|decoding) \d+% \(\d+ s\)$")).ToArray();
        Assert.That(other, Is.Empty, r.ToString());
        return r;
    }

    /// <summary>Asserts a clean failure: the exit code, one error line, and no <paramref name="output"/> or temp files.</summary>
    protected void AssertCleanFailure(CliResult r, int? expectedCode, string? output)
    {
        Assert.That(r.ExitCode, expectedCode is { } c ? Is.EqualTo(c) : Is.Not.Zero, r.ToString());
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1), r.ToString());
        Assert.That(r.ErrorLines[0], Does.StartWith("mcbits: error: "), r.ToString());
        Assert.That(r.Error, Does.Not.Contain("   at "), "no stack trace");
        if (output is not null) Assert.That(File.Exists(output), Is.False, $"{output} must not exist");
        Assert.That(Directory.GetFiles(Dir, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file left behind");
    }
}

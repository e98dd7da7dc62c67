// BackendOption: the `--backend cpu|ilgpu-cpu|cuda|auto` option every mcbits command adds (default auto:
// CUDA when a CUDA device exists, else the CPU backend). The value is validated at parse time (case-
// insensitive, with the list of valid names in the error) and turned into a live IRansBackend by
// Engine.Gpu.BackendFactory; `--backend cuda` on a machine without CUDA fails with
// BackendUnavailableException, which commands report as an error rather than running elsewhere.
using System.CommandLine;
using Engine.Gpu;

namespace Engine.Cli;

/// <summary>Creates and reads the shared <c>--backend</c> option.</summary>
internal static class BackendOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--backend";

    /// <summary>The value used when the option is absent.</summary>
    public const string DefaultValue = "auto";

    /// <summary>A new <c>--backend</c> option (one per command: System.CommandLine options are not shared).</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>(Name)
        {
            Description = "rANS backend: cpu, ilgpu-cpu (ILGPU's CPU simulator, slow), cuda, or auto (cuda if a CUDA device exists, else cpu).",
            HelpName = string.Join('|', BackendKinds.Names),
            DefaultValueFactory = _ => DefaultValue,
        };
        option.CompletionSources.Add(BackendKinds.Names.ToArray());
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (!BackendKinds.TryParse(value, out _))
                result.AddError($"Unknown backend '{value}': expected one of {string.Join(", ", BackendKinds.Names)}.");
        });
        return option;
    }

    /// <summary>The kind the user asked for (Auto unresolved).</summary>
    public static BackendKind Read(ParseResult parse, Option<string> option)
        => BackendKinds.Parse(parse.GetValue(option) ?? DefaultValue);

    /// <summary>Creates the requested backend; the caller disposes it.</summary>
    /// <exception cref="BackendUnavailableException">cuda was requested and no CUDA device exists.</exception>
    public static IRansBackend CreateBackend(ParseResult parse, Option<string> option)
        => BackendFactory.Create(Read(parse, option));
}

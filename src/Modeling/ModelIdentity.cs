// ModelIdentity: how a message names the model that wrote it. The description is for people (and, for
// built-in models, rebuilds the model); the fingerprint is what decode compares, so it must change
// whenever anything that shapes a table changes (a hash of the quantised tables, not of a file's bytes).
// A model whose tables come from floats also names the numerical backend that computed them.
namespace Engine.Modeling;

/// <summary>A model's description and fingerprint, as recorded in messages.</summary>
/// <param name="Description">Human-readable text (at most <see cref="MaxDescriptionLength"/> characters).</param>
/// <param name="Fingerprint">Bytes that identify the model's tables exactly (1 to <see cref="MaxFingerprintBytes"/> bytes).</param>
public sealed record ModelIdentity(string Description, byte[] Fingerprint)
{
    /// <summary>Longest description a message may carry.</summary>
    public const int MaxDescriptionLength = 256;

    /// <summary>Longest fingerprint a message may carry.</summary>
    public const int MaxFingerprintBytes = 64;

    /// <summary>The description.</summary>
    public string Description { get; } = Check(Description);

    /// <summary>The fingerprint bytes (do not modify).</summary>
    public byte[] Fingerprint { get; } = CheckFingerprint(Fingerprint);

    /// <summary>For a model whose tables come from floating-point computation (a neural network): the numerical backend
    /// that computed them (library build, dtype, threads). Messages record it and decode refuses another, because other
    /// floats could give other tables. Null for models built from integers only.</summary>
    public string? NumericBackend { get; init; }

    private static string Check(string d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Length is 0 or > MaxDescriptionLength)
            throw new ArgumentOutOfRangeException(nameof(Description), $"A model description has 1 to {MaxDescriptionLength} characters.");
        return d;
    }

    private static byte[] CheckFingerprint(byte[] f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Length is 0 or > MaxFingerprintBytes)
            throw new ArgumentOutOfRangeException(nameof(Fingerprint), $"A fingerprint has 1 to {MaxFingerprintBytes} bytes.");
        return f;
    }
}

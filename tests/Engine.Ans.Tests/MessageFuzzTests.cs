// Fuzz: at least 10,000 corrupted variants of real messages (truncations, bit flips, random bytes,
// inserted/deleted bytes, huge declared lengths), half of them re-sealed with a valid frame checksum
// so the parser's length checks and the decoder's integrity checks are exercised too. Every variant
// must end in an McbFormatException or in an exact decode of the original data; anything else (another
// exception type, wrong data, a case running away) fails the test. Per-case caps: the reader's limits
// bound chains and declared symbols, and each case is timed.
using System.Buffers.Binary;
using System.Diagnostics;
using Engine.Ans.Messages;

namespace Engine.Ans.Tests;

public class MessageFuzzTests
{
    private const int BaseMessages = 20;
    private const int VariantsPerMessage = 520;

    [Test]
    public void CorruptedMessagesEndInTypedErrorsOrExactDecodes()
    {
        var codec = new ToyBitsBackCodec(23);
        var rng = new Random(2024);
        var outcomes = new Dictionary<string, int>();
        int cases = 0;
        var slowest = TimeSpan.Zero;
        for (int b = 0; b < BaseMessages; b++)
        {
            int[][] chains = ToyBitsBackCodec.RandomChains(rng, rng.Next(1, 6), 80);
            byte[] original = McbMessageFile.ToBytes(codec.Encode(chains, (ulong)rng.NextInt64()));
            long maxCount = chains.Max(c => c.Length);
            var limits = new McbReadLimits { MaxChains = 64, MaxSymbolsPerChain = 4 * maxCount + 16, MaxFileBytes = 1 << 20 };
            for (int v = 0; v < VariantsPerMessage; v++)
            {
                byte[] variant = Corrupt(rng, original, out string how);
                if (rng.Next(2) == 0)
                    Reseal(variant);
                var clock = Stopwatch.StartNew();
                string outcome;
                try
                {
                    McbMessage message = McbMessageFile.Read(variant, limits);
                    int[][] decoded = codec.Decode(message);
                    Assert.That(decoded, Is.EqualTo(chains), $"variant {how} of message {b} decoded to wrong data");
                    outcome = "exact";
                }
                catch (McbFormatException e)
                {
                    outcome = e.Kind.ToString();
                }
                catch (Exception e) when (e is not AssertionException)
                {
                    Assert.Fail($"variant {how} of message {b} threw {e.GetType().Name}: {e.Message}");
                    throw;
                }
                clock.Stop();
                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), $"variant {how} ran too long");
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                cases++;
            }
        }
        TestContext.Out.WriteLine($"{cases} variants, slowest {slowest.TotalMilliseconds:F1} ms: " +
            string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.That(cases, Is.GreaterThanOrEqualTo(10_000));
        // The corpus must actually reach the deep checks, not just the frame checksum.
        Assert.That(outcomes.Keys, Is.SupersetOf(new[] { "Truncated", "Corrupt", "BadMagic" }));
        Assert.That(outcomes.GetValueOrDefault("StateMismatch") + outcomes.GetValueOrDefault("ChecksumMismatch"), Is.GreaterThan(0));
    }

    private static byte[] Corrupt(Random rng, byte[] original, out string how)
    {
        byte[] b = (byte[])original.Clone();
        switch (rng.Next(7))
        {
            case 0:
                how = "truncate";
                return b[..rng.Next(0, b.Length)];
            case 1:
                how = "bitflip";
                for (int i = rng.Next(1, 9); i > 0; i--)
                    b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                return b;
            case 2:
                how = "random-bytes";
                for (int i = rng.Next(1, 17); i > 0; i--)
                    b[rng.Next(b.Length)] = (byte)rng.Next(256);
                return b;
            case 3:
            {
                how = "huge-length";
                // Overwrite a header with a 32-bit-length bin/str/array/map declaring ~2^31 entries,
                // preferably at an existing header byte so the rest of the file still parses.
                int at = FindHeader(rng, b);
                byte code = new byte[] { 0xC6, 0xDB, 0xDD, 0xDF }[rng.Next(4)];
                byte[] header = [code, 0x7F, 0xFF, 0xFF, (byte)rng.Next(256)];
                for (int i = 0; i < header.Length && at + i < b.Length; i++)
                    b[at + i] = header[i];
                return b;
            }
            case 4:
            {
                how = "insert";
                int at = rng.Next(b.Length + 1);
                byte[] junk = new byte[rng.Next(1, 9)];
                rng.NextBytes(junk);
                return [.. b[..at], .. junk, .. b[at..]];
            }
            case 5:
            {
                how = "delete";
                int at = rng.Next(b.Length);
                int n = Math.Min(rng.Next(1, 9), b.Length - at);
                return [.. b[..at], .. b[(at + n)..]];
            }
            default:
            {
                how = "tail-word";
                // Flip a bit near the end, where the tails and checksums live.
                int span = Math.Min(b.Length, 64);
                b[b.Length - 1 - rng.Next(span)] ^= (byte)(1 << rng.Next(8));
                return b;
            }
        }
    }

    private static int FindHeader(Random rng, byte[] b)
    {
        for (int attempt = 0; attempt < 32; attempt++)
        {
            int at = rng.Next(b.Length);
            byte c = b[at];
            if (c is 0xC4 or 0xC5 or 0xC6 or 0xDC or 0xDD or 0xDE or 0xDF || (c >= 0x80 && c <= 0xBF))
                return at;
        }
        return rng.Next(b.Length);
    }

    /// <summary>Recomputes the trailing frame checksum so the corruption reaches the deeper checks.</summary>
    private static void Reseal(byte[] b)
    {
        if (b.Length < 10 || b[^9] != 0xCF)
            return;
        ulong frame = DataChecksum.Compute(b.AsSpan(0, b.Length - 9));
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(b.Length - 8), frame);
    }
}

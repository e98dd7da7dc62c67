// Mutation run over the JSON model-file reader, the newest place where untrusted bytes enter: 6,000 seeded
// variants of real model files (byte flips, truncations, deletions, insertions of JSON punctuation and of
// large or odd numbers, duplicated spans). Deterministic (fixed seed, fixed count, no wall-clock budget).
// Every variant must end in a DiscreteModel or a ModelFileException — any other exception, or one case
// taking more than a second, fails. A parsed variant must also be a working model (its tables valid by
// construction, one unit sampled).
using System.Diagnostics;
using System.Text;
using Engine.Modeling.Discrete;

namespace Engine.Modeling.Tests.Discrete;

public class ModelFileMutationTests
{
    private const int Variants = 6000;

    private static readonly string[] Seeds =
    [
        """{"kind":"hmm","sequence_length":4,"prior":[5,3,2],"transition":[[7,2,1],[3,4,3],[2,3,5]],"emission":[[6,3,1],[3,4,3],[1,3,6]],"proposal":"locally-optimal"}""",
        """{"kind":"mixture","prior":[1,2,3,4],"emission":[[0.5,0.5],[0.9,0.1],[0.2,0.8],[0.4,0.6]],"proposal":[[1,1,1,1],[4,3,2,1]],"precision":8,"name":"m"}""",
        """{"kind":"hmm","sequence_length":2,"prior":[1,1],"transition":[[1,0],[0,1]],"emission":[[1,2,3],[3,2,1]],"proposal":"bootstrap"}""",
    ];

    private static readonly string[] Inserts =
        ["[", "]", "{", "}", ",", ":", "\"", "1e400", "-1", "NaN", "0", "99999999999", "\"kind\":", "[[", "]]", " ", "\\u0000", "null", "true", "1.5e-320"];

    [Test]
    public void MutatedModelFilesEndInAModelOrATypedError()
    {
        var rng = new Random(2026);
        int parsed = 0, refused = 0;
        var slowest = TimeSpan.Zero;
        for (int v = 0; v < Variants; v++)
        {
            byte[] bytes = Mutate(Encoding.UTF8.GetBytes(Seeds[v % Seeds.Length]), rng);
            long start = Stopwatch.GetTimestamp();
            try
            {
                DiscreteModel model = DiscreteModelFile.Parse(bytes);
                Assert.That(model.Sample(1, (ulong)v), Has.Length.EqualTo(model.SequenceLength));
                parsed++;
            }
            catch (ModelFileException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Variant {v} ({Encoding.UTF8.GetString(bytes)}) threw {e.GetType().Name}: {e.Message}");
            }
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            if (took > slowest) slowest = took;
        }
        TestContext.Out.WriteLine($"{Variants} variants: {parsed} parsed, {refused} refused; slowest {slowest.TotalMilliseconds:F1} ms");
        Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(parsed, Is.GreaterThan(0), "some mutations (spacing, numbers) still parse");
        Assert.That(refused, Is.GreaterThan(Variants / 2));
    }

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var b = new List<byte>(seed);
        int edits = 1 + rng.Next(3);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            int at = rng.Next(b.Count);
            switch (rng.Next(6))
            {
                case 0: b[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b.RemoveRange(at, b.Count - at); break;
                case 2: b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(6))); break;
                case 3: b.InsertRange(at, Encoding.UTF8.GetBytes(Inserts[rng.Next(Inserts.Length)])); break;
                case 4:
                    int len = Math.Min(b.Count - at, 1 + rng.Next(12));
                    b.InsertRange(at, b.GetRange(at, len));
                    break;
                default: b[at] = (byte)rng.Next(256); break;
            }
        }
        return b.ToArray();
    }
}

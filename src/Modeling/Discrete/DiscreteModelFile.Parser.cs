// DiscreteModelFile.Parser: the strict JSON reading of a model file, on System.Text.Json's Utf8JsonReader
// (depth bounded, no comments, no trailing commas, one value per file). JsonDocument would accept duplicate
// keys silently and build a DOM first; reading token by token lets every key be checked as it comes
// (unknown, duplicate, wrong type) and every number as it is read (a string such as "NaN", a value that
// overflows a double such as 1e400, a negative one), each failure naming its JSON path and line. Shapes
// that need the whole file (row counts against K and V) are checked afterwards, in Build.
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engine.Modeling.Discrete;

public static partial class DiscreteModelFile
{
    internal const string KindKey = "kind";
    internal const string SequenceLengthKey = "sequence_length";
    internal const string PriorKey = "prior";
    internal const string TransitionKey = "transition";
    internal const string EmissionKey = "emission";
    internal const string ProposalKey = "proposal";
    internal const string PrecisionKey = "precision";
    internal const string NameKey = "name";

    private static readonly string[] Keys = [KindKey, SequenceLengthKey, PriorKey, TransitionKey, EmissionKey, ProposalKey, PrecisionKey, NameKey];

    private const string LatentLimit = "K <= 4096 latent states";
    private const string SymbolLimit = "V <= 256 symbols, one byte each";

    /// <summary>Root object, table, row: anything deeper is a type error before the reader gets there.</summary>
    private const int MaxDepth = 8;

    /// <summary>A row as read, with the line it starts on.</summary>
    internal sealed record Row(double[] Values, int Line);

    /// <summary>An array of rows as read.</summary>
    internal sealed record Table(List<Row> Rows, int Line);

    /// <summary>The fields of a model file after syntax and type checks (absent fields null).</summary>
    internal sealed class ModelDocument
    {
        public string? Kind;
        public int KindLine;
        public long? SequenceLength;
        public int SequenceLengthLine;
        public Row? Prior;
        public Table? Transition;
        public Table? Emission;
        public string? ProposalName;
        public Table? ProposalRows;
        public int ProposalLine;
        public long? Precision;
        public int PrecisionLine;
        public string? Name;
        public int NameLine;
    }

    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _text;
        private Utf8JsonReader _r;

        public Parser(ReadOnlySpan<byte> text)
        {
            _text = text;
            _r = new Utf8JsonReader(text, new JsonReaderOptions
            {
                MaxDepth = MaxDepth,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
        }

        public ModelDocument ReadDocument()
        {
            var doc = new ModelDocument();
            Next("$");
            if (_r.TokenType != JsonTokenType.StartObject)
                throw Error("$", $"a model file holds one JSON object {{ ... }}, found {Describe()}");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                Next("$");
                if (_r.TokenType == JsonTokenType.EndObject) break;
                string key = Text("$");
                string field = key.Length == 0 ? "\"\"" : Printable(key);
                if (Array.IndexOf(Keys, key) < 0)
                    throw Error(field, $"unknown key (a model file has {string.Join(", ", Keys.Select(k => '"' + k + '"'))})");
                if (!seen.Add(key)) throw Error(field, "duplicate key (each key may appear once)");
                Next(field);
                int line = Line();
                switch (key)
                {
                    case KindKey: doc.Kind = ReadString(key); doc.KindLine = line; break;
                    case SequenceLengthKey: doc.SequenceLength = Integer(key); doc.SequenceLengthLine = line; break;
                    case PriorKey: doc.Prior = Numbers(key, MaxLatents, LatentLimit); break;
                    case TransitionKey: doc.Transition = Rows(key, MaxLatents, LatentLimit, MaxLatents, LatentLimit); break;
                    case EmissionKey: doc.Emission = Rows(key, MaxLatents, LatentLimit, MaxSymbols, SymbolLimit); break;
                    case PrecisionKey: doc.Precision = Integer(key); doc.PrecisionLine = line; break;
                    case NameKey: doc.Name = ReadString(key); doc.NameLine = line; break;
                    default:
                        doc.ProposalLine = line;
                        if (_r.TokenType == JsonTokenType.String) doc.ProposalName = ReadString(key);
                        else if (_r.TokenType == JsonTokenType.StartArray) doc.ProposalRows = Rows(key, MaxSymbols, SymbolLimit, MaxLatents, LatentLimit);
                        else throw Error(key, $"expected \"uniform\", \"bootstrap\", \"locally-optimal\" or V rows of K numbers, found {Describe()}");
                        break;
                }
            }
            try
            {
                if (_r.Read()) throw Error("$", "unexpected content after the model object");
            }
            catch (JsonException e)
            {
                throw Invalid("$", e);
            }
            return doc;
        }

        /// <summary>An array of arrays of numbers, at most <paramref name="maxRows"/> × <paramref name="maxWidth"/>.</summary>
        private Table Rows(string field, int maxRows, string rowLimit, int maxWidth, string widthLimit)
        {
            int line = Line();
            if (_r.TokenType != JsonTokenType.StartArray) throw Error(field, $"expected an array of rows (arrays of numbers), found {Describe()}");
            var rows = new List<Row>();
            while (true)
            {
                Next(field);
                if (_r.TokenType == JsonTokenType.EndArray) break;
                string rowField = Index(field, rows.Count);
                if (rows.Count == maxRows) throw Error(field, $"too many rows: at most {maxRows} ({rowLimit})");
                rows.Add(Numbers(rowField, maxWidth, widthLimit));
            }
            return new Table(rows, line);
        }

        /// <summary>An array of non-negative finite numbers, at most <paramref name="max"/> of them.</summary>
        private Row Numbers(string field, int max, string limit)
        {
            int line = Line();
            if (_r.TokenType != JsonTokenType.StartArray) throw Error(field, $"expected an array of numbers, found {Describe()}");
            var values = new List<double>();
            while (true)
            {
                Next(field);
                if (_r.TokenType == JsonTokenType.EndArray) break;
                string item = Index(field, values.Count);
                if (values.Count == max) throw Error(field, $"too many numbers: at most {max} ({limit})");
                values.Add(Weight(item));
            }
            return new Row(values.ToArray(), line);
        }

        private double Weight(string field)
        {
            if (_r.TokenType == JsonTokenType.Number)
            {
                if (!_r.TryGetDouble(out double v) || !double.IsFinite(v))
                    throw Error(field, $"{Raw()} is not a finite number (it overflows a double)");
                if (v < 0) throw Error(field, $"{Raw()} is negative; numbers must be >= 0");
                return v;
            }
            if (_r.TokenType == JsonTokenType.String)
            {
                string s = Text(field);
                bool special = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && !double.IsFinite(parsed);
                throw Error(field, special
                    ? $"\"{Printable(s)}\" is not allowed: numbers must be finite (no NaN or infinity) and written without quotes"
                    : $"expected a number, found the string \"{Printable(s)}\"");
            }
            throw Error(field, $"expected a number, found {Describe()}");
        }

        private long Integer(string field)
        {
            if (_r.TokenType != JsonTokenType.Number) throw Error(field, $"expected an integer, found {Describe()}");
            if (_r.TryGetInt64(out long v)) return v;
            throw Error(field, $"expected an integer, found {Raw()}");
        }

        private string ReadString(string field)
        {
            if (_r.TokenType != JsonTokenType.String) throw Error(field, $"expected a string, found {Describe()}");
            return Text(field);
        }

        private string Text(string field)
        {
            try
            {
                return _r.GetString()!;
            }
            catch (InvalidOperationException e)
            {
                throw Error(field, "a string is not valid Unicode text: " + e.Message.TrimEnd('.'));
            }
        }

        private void Next(string field)
        {
            try
            {
                if (!_r.Read()) throw Error(field, "the file ends before the model object is closed");
            }
            catch (JsonException e)
            {
                throw Invalid(field, e);
            }
        }

        private readonly ModelFileException Invalid(string field, JsonException e)
        {
            // The reader's message ends "LineNumber: 2 | BytePositionInLine: 10."; the line goes to its own slot.
            string text = e.Message;
            int at = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (at > 0) text = text[..at];
            text = text.TrimEnd().TrimEnd('.');
            int? line = e.LineNumber is { } l ? (int)Math.Min(l + 1, int.MaxValue) : null;
            return new ModelFileException(field, "invalid JSON: " + text, line, inner: e);
        }

        private readonly ModelFileException Error(string field, string reason) => new(field, reason, Line());

        private readonly int Line()
        {
            long at = Math.Clamp(_r.TokenStartIndex, 0, _text.Length);
            return _text[..(int)at].Count((byte)'\n') + 1;
        }

        private readonly string Describe() => _r.TokenType switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "the number " + Raw(),
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => _r.TokenType.ToString(),
        };

        private readonly string Raw()
        {
            string s = Encoding.UTF8.GetString(_r.ValueSpan);
            return s.Length <= 40 ? s : s[..40] + "…";
        }
    }

    private static string Index(string field, int i) => string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");

    /// <summary>A key or string as it may appear in an error line: control characters escaped, at most 40 characters.</summary>
    private static string Printable(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s)
        {
            if (b.Length >= 40) { b.Append('…'); break; }
            if (char.IsControl(c)) b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else b.Append(c);
        }
        return b.ToString();
    }
}

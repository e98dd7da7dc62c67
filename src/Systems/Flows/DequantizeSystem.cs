// DequantizeSystem: the data's bits back. Encode (first pass): each symbol s of the unit gets its dequantisation bin r,
// popped from Uniform(2^DequantBits), and the data level z_L holds s 2^DequantBits + r. Decode (last pass): the decoded
// z_L splits back into s and r, s is written to the output and r pushed back. A decoded z_L whose symbol lies outside
// [0, 2^SymbolBits) can only come from a damaged message.
using Engine.Ans.Messages;

namespace Engine.Systems.Flows;

/// <summary>Pops (encode) or pushes back (decode) the dequantisation noise of the data level.</summary>
internal sealed class DequantizeSystem(FlowContext context) : FlowSystem(context, "Dequantize")
{
    protected override void Encode(int unitStep)
    {
        FlowContext c = Ctx;
        int bits = c.Options.DequantBits, top = c.L;
        for (int i = c.D - 1; i >= 0; i--)
        {
            c.Rans.PopUniform(0, c.ActiveLanes, c.DequantN, c.EscapeValues);
            Span<int> z = c.Level(top, i);
            for (int b = 0; b < c.ActiveLanes; b++)
                z[b] = (c.Data[c.Cursors[b].Unit * c.D + i] << bits) | (int)c.EscapeValues[b];
        }
    }

    protected override void Decode(int unitStep)
    {
        FlowContext c = Ctx;
        int bits = c.Options.DequantBits, top = c.L, symbols = 1 << c.Shape.SymbolBits;
        uint mask = (1u << bits) - 1;
        for (int i = 0; i < c.D; i++)
        {
            ReadOnlySpan<int> z = c.Level(top, i);
            for (int b = 0; b < c.ActiveLanes; b++)
            {
                int symbol = z[b] >> bits;
                if (z[b] < 0 || symbol >= symbols)
                    throw new McbFormatException(McbErrorKind.Corrupt,
                        $"Chain {b} decoded data value {z[b]} at coordinate {i}, outside the {symbols} symbols: the message is damaged.");
                c.Data[c.Cursors[b].Unit * c.D + i] = (byte)symbol;
                c.EscapeValues[b] = (uint)z[b] & mask;
            }
            c.Rans.PushUniform(0, c.ActiveLanes, c.EscapeValues, c.DequantN);
        }
    }
}

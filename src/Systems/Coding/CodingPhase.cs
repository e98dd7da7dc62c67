// Each coding pass has a forward half (run while the extended latents are being built: the encoder's
// pops, the decoder's pops of what the encoder pushed) and a backward half (the encoder pushing back,
// the decoder pushing back what the encoder popped). Encode and decode run the halves in mirror order.
namespace Engine.Systems.Coding;

/// <summary>Which half of a pass a system instance runs.</summary>
internal enum CodingPhase
{
    /// <summary>Building the latents: the encoder pops from Q, the decoder pops what the encoder pushed.</summary>
    Forward,

    /// <summary>Giving bits back: the encoder pushes with P, the decoder pushes back what the encoder popped.</summary>
    Backward,
}

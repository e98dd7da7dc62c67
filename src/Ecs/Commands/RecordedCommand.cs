// RecordedCommand: one entry of a CommandBuffer — what to do, to which entity, with which component and where
// its bytes sit in the buffer's payload array. How: a plain struct in a growable array, so recording allocates
// nothing once the arrays have grown to the working size.
namespace Engine.Ecs;

internal struct RecordedCommand
{
    public CommandKind Kind;
    public Entity Entity;
    public int ComponentId;
    public int PayloadOffset;
    public int PayloadLength;
    public int SignatureIndex;
}

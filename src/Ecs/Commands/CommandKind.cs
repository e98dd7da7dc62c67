// CommandKind: the structural operations a CommandBuffer can record.
namespace Engine.Ecs;

internal enum CommandKind : byte
{
    Create,
    Destroy,
    Add,
    Set,
    Remove,
}

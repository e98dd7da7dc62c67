// Small component structs shared by the ECS tests.
namespace Engine.Ecs.Tests;

public struct Position
{
    public float X, Y, Z;

    public Position(float x, float y, float z)
    {
        X = x;
        Y = y;
        Z = z;
    }
}

public struct Velocity
{
    public float X, Y, Z;

    public Velocity(float x, float y, float z)
    {
        X = x;
        Y = y;
        Z = z;
    }
}

public struct Mass
{
    public double Value;

    public Mass(double value) => Value = value;
}

public struct Health
{
    public int Value;

    public Health(int value) => Value = value;
}

public struct Frozen;

/// <summary>A latent coordinate; registered with a width D in the vector-component tests.</summary>
public struct Latent
{
    public float Value;

    public Latent(float value) => Value = value;
}

/// <summary>An integer vector component for the vector tests.</summary>
public struct Code
{
    public int Value;

    public Code(int value) => Value = value;
}

// Signature and ComponentType: set semantics, equality, hashing, ids.
namespace Engine.Ecs.Tests;

public class SignatureTests
{
    [Test]
    public void SetSemantics()
    {
        var pv = Signature.Of<Position, Velocity>();
        Assert.That(pv, Is.EqualTo(Signature.Of<Velocity, Position>()));
        Assert.That(pv.GetHashCode(), Is.EqualTo(Signature.Of<Velocity, Position>().GetHashCode()));
        Assert.That(pv.Count, Is.EqualTo(2));
        Assert.That(pv.Contains<Position>() && !pv.Contains<Mass>(), Is.True);
        Assert.That(Signature.Of<Position>().IsSubsetOf(pv), Is.True);
        Assert.That(pv.IsSubsetOf(Signature.Of<Position>()), Is.False);
        Assert.That(Signature.Empty.IsSubsetOf(pv), Is.True);
        Assert.That(pv.Overlaps(Signature.Of<Velocity, Mass>()), Is.True);
        Assert.That(pv.Overlaps(Signature.Of<Mass>()), Is.False);
        Assert.That(pv.With(ComponentType.Of<Mass>()), Is.EqualTo(Signature.Of<Position, Velocity, Mass>()));
        Assert.That(pv.Without(ComponentType.Of<Position>()), Is.EqualTo(Signature.Of<Velocity>()));
        Assert.That(pv.With(ComponentType.Of<Position>()), Is.EqualTo(pv));
        Assert.That(Signature.Empty, Is.EqualTo(default(Signature)));
        Assert.That(Signature.Empty.IsEmpty && Signature.Empty.Count == 0, Is.True);
        Assert.That(pv != Signature.Of<Position>(), Is.True);
        Assert.That(Signature.Of<Position, Velocity, Mass, Health>().Count, Is.EqualTo(4));
        Assert.That(pv.ToString(), Does.Contain("Position").And.Contain("Velocity"));
    }

    [Test]
    public void ComponentTypesHaveStableIds()
    {
        var a = ComponentType.Of<Health>();
        var b = Component<Health>.ComponentType;
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.Id, Is.EqualTo(Component<Health>.Id));
        Assert.That(a.ByteSize, Is.EqualTo(4));
        Assert.That(ComponentType.Of<Position>().ByteSize, Is.EqualTo(12));
        Assert.That(a.Type, Is.EqualTo(typeof(Health)));
        Assert.That(ComponentTypes.Get(a.Id), Is.EqualTo(a));
        Assert.That(ComponentTypes.Count, Is.GreaterThan(a.Id));
        Assert.That(a != ComponentType.Of<Mass>(), Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => ComponentTypes.Get(-1));
        Assert.That(a.ToString(), Is.EqualTo("Health"));
    }
}

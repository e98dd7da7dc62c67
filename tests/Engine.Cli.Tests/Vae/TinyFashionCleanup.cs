// Deletes TinyFashion's shared directory once every test of this namespace has run.
namespace Engine.Cli.Tests.Vae;

[SetUpFixture]
internal sealed class TinyFashionCleanup
{
    [OneTimeTearDown]
    public void Delete()
    {
        if (TinyFashion.IsBuilt && Directory.Exists(TinyFashion.Instance.Directory))
            Directory.Delete(TinyFashion.Instance.Directory, recursive: true);
    }
}

namespace Provisioning.CloudflareEmulator.State;

internal interface IStatePersistence : IDisposable
{
    IEnumerable<string> LoadAll();

    void Upsert(string key, string json);

    void Delete(string key);

    void Clear();
}

internal sealed class InMemoryPersistence : IStatePersistence
{
    public IEnumerable<string> LoadAll() => [];

    public void Upsert(string key, string json)
    {
    }

    public void Delete(string key)
    {
    }

    public void Clear()
    {
    }

    public void Dispose()
    {
    }
}

using System.Text.Json;

namespace Provisioning.CloudflareEmulator.State;

/// <summary>
/// All resources of all accounts. One lock serialises every read and write: requests run concurrently and the
/// emulator's load is tiny, so a single gate is the simplest thing that is obviously correct.
/// </summary>
internal sealed class EmulatorStore : IDisposable
{
    private static readonly JsonSerializerOptions SerializerOptions = new();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.Ordinal);
    private readonly IStatePersistence _persistence;

    public EmulatorStore(IStatePersistence persistence)
    {
        _persistence = persistence;
        foreach (var json in persistence.LoadAll())
        {
            var entity = JsonSerializer.Deserialize<Entity>(json, SerializerOptions)!;
            _entities[entity.Key] = entity;
        }
    }

    public T Transact<T>(Func<StoreSession, T> work)
    {
        lock (_gate)
        {
            return work(new StoreSession(this));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entities.Clear();
            _persistence.Clear();
        }
    }

    /// <summary>
    /// A private copy to change: stored entities are only ever replaced by <see cref="StoreSession.Save"/>, so a request that
    /// fails half-way through its checks leaves nothing half-changed behind.
    /// </summary>
    public static T Copy<T>(T entity) where T : Entity =>
        (T)JsonSerializer.Deserialize<Entity>(JsonSerializer.Serialize<Entity>(entity, SerializerOptions), SerializerOptions)!;

    public void Dispose() => _persistence.Dispose();

    internal sealed class StoreSession(EmulatorStore store)
    {
        public IEnumerable<T> All<T>() where T : Entity => store._entities.Values.OfType<T>();

        public IEnumerable<T> All<T>(string accountId) where T : Entity =>
            store._entities.Values.OfType<T>().Where(e => e.AccountId == accountId);

        /// <summary>Inserts or replaces the entity and writes it through to persistence.</summary>
        public void Save(Entity entity)
        {
            store._entities[entity.Key] = entity;
            store._persistence.Upsert(entity.Key, JsonSerializer.Serialize<Entity>(entity, SerializerOptions));
        }

        public void Remove(Entity entity)
        {
            store._entities.Remove(entity.Key);
            store._persistence.Delete(entity.Key);
        }
    }
}

namespace Provisioning.Components.Persistence.SagaRepository;

/// <summary>
/// The DbContext of the delivery attempt in progress, shared by the saga repository and the saga's activities in one DI
/// scope, so what an activity adds or changes (command rows, bundles) is saved by the repository in the same
/// SaveChanges as the saga instance. Each attempt begins a new DbContext: a retry never sees the entities of the attempt
/// that failed, even where the scope outlives one attempt.
/// </summary>
public sealed class UnitOfWork<TDbContext>(IDbContextFactory<TDbContext> contexts) : IAsyncDisposable
    where TDbContext : DbContext
{
    TDbContext? _current;

    public TDbContext Current => _current ?? throw new InvalidOperationException(
        $"No {typeof(TDbContext).Name} is open in this scope: saga activities run inside a delivery of the EF saga repository.");

    public async Task<TDbContext> BeginAsync(CancellationToken cancellationToken)
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }

        _current = await contexts.CreateDbContextAsync(cancellationToken);
        return _current;
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }
    }
}

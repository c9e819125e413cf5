using MassTransit.Saga;

namespace Provisioning.Components.Persistence.SagaRepository;

/// <summary>
/// Saga repository over EF Core (MassTransit.EntityFrameworkCore is not available to us). Each delivery attempt
/// begins a new DbContext in the scope's <see cref="UnitOfWork{TDbContext}"/>, so a retried message never sees the
/// entities of the attempt that failed and the saga's activities write through the same context. Concurrency is
/// optimistic: the saga's concurrency token is checked by the UPDATE/DELETE, no transaction or row lock is taken.
/// </summary>
public sealed class EfSagaRepositoryContextFactory<TSaga, TDbContext>(
    IDbContextFactory<TDbContext> dbContextFactory,
    UnitOfWork<TDbContext> unitOfWork,
    ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
    where TDbContext : DbContext
{
    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Add("persistence", "entity-framework-core");
        context.Add("dbContext", typeof(TDbContext).Name);
    }

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var db = await unitOfWork.BeginAsync(context.CancellationToken);
        var repositoryContext = new EfSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory);
        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(next);

        var db = await unitOfWork.BeginAsync(context.CancellationToken);

        // Tracked, so the pipeline's Update/Delete of each matched instance saves what the machine changed.
        var instances = await db.Set<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);

        var repositoryContext = new EfSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new EfReadOnlySagaRepositoryContext<TSaga>(db, cancellationToken));
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new EfReadOnlySagaRepositoryContext<TSaga>(db, cancellationToken));
    }
}

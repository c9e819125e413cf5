using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioning.Components.Persistence.SagaRepository;

public static class EfSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Stores the saga with <see cref="EfSagaRepositoryContextFactory{TSaga,TDbContext}"/>, which needs an
    /// <see cref="IDbContextFactory{TDbContext}"/> in the container, and the scoped <see cref="UnitOfWork{TDbContext}"/>
    /// that lets the saga's activities write through the repository's DbContext. Registers load and query access too
    /// (without them ILoadSagaRepository, IQuerySagaRepository and the harness's Exists throw NotSupportedException).
    /// Named apart from MassTransit.EntityFrameworkCore's <c>EntityFrameworkRepository</c>.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> EfCoreRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.Repository(r =>
        {
            r.TryAddScoped<UnitOfWork<TDbContext>>();
            r.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>, EfSagaRepositoryContextFactory<TSaga, TDbContext>>();
            r.RegisterLoadSagaRepository<TSaga, EfSagaRepositoryContextFactory<TSaga, TDbContext>>();
            r.RegisterQuerySagaRepository<TSaga, EfSagaRepositoryContextFactory<TSaga, TDbContext>>();
        });
        return configurator;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Provisioning.Cloudflare.Budget;
using Provisioning.Components.Persistence;
using Provisioning.Components.Persistence.Budget;

namespace Provisioning.Components.Tests.Persistence.Budget;

/// <summary>Which budget store the client gets: the shared row with PostgreSQL, its own in-process bucket with SQLite.</summary>
public sealed class SharedRequestBudgetRegistration_Specs
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_put_the_budget_in_PostgreSQL_whether_registered_before_or_after_the_client(bool sharedFirst)
    {
        var services = new ServiceCollection().AddLogging();
        var postgres = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=unused" };
        if (sharedFirst)
        {
            services.AddSharedRequestBudget(postgres);
        }

        services.AddCloudflareClient(o => o.AccountId = "023e105f4ecef8ad9ca31a8372d0c353");
        if (!sharedFirst)
        {
            services.AddSharedRequestBudget(postgres);
        }

        using var provider = services.BuildServiceProvider();
        Assert.IsType<PostgresRequestBudgetStore>(provider.GetRequiredService<IRequestBudgetStore>());
        Assert.Single(services, d => d.ServiceType == typeof(IRequestBudgetStore));
    }

    [Fact]
    public void Should_leave_a_single_SQLite_node_its_in_process_budget()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCloudflareClient(o => o.AccountId = "023e105f4ecef8ad9ca31a8372d0c353");
        services.AddSharedRequestBudget(new DatabaseOptions { Provider = DatabaseProvider.Sqlite });

        using var provider = services.BuildServiceProvider();
        Assert.IsNotType<PostgresRequestBudgetStore>(provider.GetRequiredService<IRequestBudgetStore>());
    }
}

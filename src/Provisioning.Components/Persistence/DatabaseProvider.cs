namespace Provisioning.Components.Persistence;

public enum DatabaseProvider
{
    /// <summary>Embedded default for a single node.</summary>
    Sqlite,

    /// <summary>Production, and several replicas.</summary>
    Postgres,
}

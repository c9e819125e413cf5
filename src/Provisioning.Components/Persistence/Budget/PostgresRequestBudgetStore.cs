using System.Collections.Concurrent;
using Npgsql;
using Provisioning.Cloudflare.Budget;

namespace Provisioning.Components.Persistence.Budget;

/// <summary>
/// The account's request budget in one PostgreSQL row (<see cref="RequestBudgetRow"/>) that every replica updates
/// atomically: each statement refills the bucket from the time since <c>RefilledAt</c>, takes what it may and returns
/// what is left, all in one round trip under the row lock. A 429 anywhere writes <c>PausedUntil</c> and so pauses the fleet.
/// </summary>
/// <remarks>
/// Time is the database's (<c>statement_timestamp()</c>), the one clock all replicas share. A statement that waited
/// for the row lock uses its start time, which credits less refill, never more: late is safe. The rules (reserve,
/// foreground mark, the probe token after a pause) are those of the in-process store, see <see cref="RequestBudgetRules"/>.
/// </remarks>
public sealed class PostgresRequestBudgetStore : IRequestBudgetStore, IAsyncDisposable, IDisposable
{
    const string Table = $"\"{RequestBudgetRowConfiguration.Table}\"";

    // The bucket's content now: what it held plus the refill since RefilledAt (none while RefilledAt lies ahead, in a pause), capped.
    const string Available =
        "LEAST(@capacity, b.\"Tokens\" + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b.\"RefilledAt\"))::double precision * @rate)";

    const string Ensure = $"""
        INSERT INTO {Table} ("AccountId", "Tokens", "RefilledAt", "PausedUntil", "ForegroundWaitingUntil")
        VALUES (@account, @capacity, statement_timestamp(), '-infinity', '-infinity')
        ON CONFLICT ("AccountId") DO NOTHING
        """;

    const string Take = $"""
        WITH cur AS (
            SELECT b."AccountId" AS account_id, statement_timestamp() AS now, {Available} AS available,
                   GREATEST(b."RefilledAt", statement_timestamp()) AS refilled_at,
                   b."PausedUntil" AS paused_until, b."ForegroundWaitingUntil" AS foreground_until
            FROM {Table} b WHERE b."AccountId" = @account
            FOR UPDATE
        ), rule AS (
            SELECT cur.*, now < paused_until AS paused,
                   @background AND foreground_until > now AS held_back
            FROM cur
        ), decision AS (
            SELECT rule.*,
                   CASE WHEN paused THEN 0
                        ELSE LEAST(@count, GREATEST(0, FLOOR(available - CASE WHEN held_back THEN @reserve ELSE 0 END + @tolerance)))::int
                   END AS granted
            FROM rule
        ), plan AS (
            SELECT decision.*,
                   CASE WHEN granted >= @count THEN 0
                        WHEN paused THEN EXTRACT(EPOCH FROM paused_until - now)::double precision + GREATEST(0, 1 - available) / @rate
                        WHEN held_back THEN LEAST(EXTRACT(EPOCH FROM foreground_until - now)::double precision,
                                                  (@reserve + 1 - (available - granted)) / @rate)
                        ELSE (1 - (available - granted)) / @rate
                   END AS retry_after
            FROM decision
        )
        UPDATE {Table} b
        SET "Tokens" = p.available - p.granted,
            "RefilledAt" = p.refilled_at,
            "ForegroundWaitingUntil" = CASE WHEN NOT @background AND p.granted < @count
                THEN GREATEST(p.foreground_until, p.now + make_interval(secs => p.retry_after) + @hold)
                ELSE p.foreground_until END
        FROM plan p
        WHERE b."AccountId" = p.account_id
        RETURNING p.granted, p.available - p.granted, p.retry_after
        """;

    const string Pause = $"""
        UPDATE {Table} b
        SET "Tokens" = 1,
            "PausedUntil" = statement_timestamp() + @pause,
            "RefilledAt" = GREATEST(b."RefilledAt", statement_timestamp() + @pause)
        WHERE b."AccountId" = @account AND b."PausedUntil" < statement_timestamp() + @pause
        """;

    const string Limit = $"""
        UPDATE {Table} b
        SET "Tokens" = LEAST(@remaining, {Available}),
            "RefilledAt" = GREATEST(b."RefilledAt", statement_timestamp())
        WHERE b."AccountId" = @account
        """;

    const string Read = $"""
        SELECT {Available}, CASE WHEN b."PausedUntil" > statement_timestamp() THEN b."PausedUntil" END
        FROM {Table} b WHERE b."AccountId" = @account
        """;

    readonly NpgsqlDataSource _dataSource;
    readonly ConcurrentDictionary<string, bool> _ensured = new(StringComparer.Ordinal);

    /// <param name="connectionString">The provisioning database (<c>Database:ConnectionString</c>), migrated.</param>
    public PostgresRequestBudgetStore(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    public async ValueTask<RequestBudgetGrant> TakeAsync(RequestBudgetTake take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(take);
        await EnsureAsync(take.AccountId, take.Limits, cancellationToken);
        await using var command = Command(Take, take.AccountId, take.Limits);
        command.Parameters.AddWithValue("count", take.Count);
        command.Parameters.AddWithValue("background", take.Priority == RequestPriority.Background);
        command.Parameters.AddWithValue("reserve", take.Reserve);
        command.Parameters.AddWithValue("tolerance", RequestBudgetRules.Tolerance);
        command.Parameters.AddWithValue("hold", RequestBudgetRules.ForegroundHold);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // The row went away (a restored database): create it again on the next take.
            _ensured.TryRemove(take.AccountId, out _);
            return new RequestBudgetGrant(0, 0, TimeSpan.FromMilliseconds(1));
        }

        var retryAfter = reader.GetDouble(2);
        return new RequestBudgetGrant(
            reader.GetInt32(0),
            reader.GetDouble(1),
            retryAfter <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(retryAfter * TimeSpan.TicksPerSecond))));
    }

    public async ValueTask PauseAsync(string accountId, RequestBudgetLimits limits, TimeSpan pause, CancellationToken cancellationToken)
    {
        await EnsureAsync(accountId, limits, cancellationToken);
        await using var command = Command(Pause, accountId, limits);
        command.Parameters.AddWithValue("pause", pause);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask LimitAsync(string accountId, RequestBudgetLimits limits, int remaining, CancellationToken cancellationToken)
    {
        await EnsureAsync(accountId, limits, cancellationToken);
        await using var command = Command(Limit, accountId, limits);
        command.Parameters.AddWithValue("remaining", (double)remaining);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<RequestBudgetReading> ReadAsync(string accountId, RequestBudgetLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        await using var command = Command(Read, accountId, limits);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new RequestBudgetReading(limits.Capacity, null);   // no replica has sent a request yet
        }

        return new RequestBudgetReading(
            reader.GetDouble(0), reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    async ValueTask EnsureAsync(string accountId, RequestBudgetLimits limits, CancellationToken cancellationToken)
    {
        if (_ensured.ContainsKey(accountId))
        {
            return;
        }

        await using var command = Command(Ensure, accountId, limits);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _ensured[accountId] = true;
    }

    NpgsqlCommand Command(string sql, string accountId, RequestBudgetLimits limits)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("capacity", limits.Capacity);
        command.Parameters.AddWithValue("rate", limits.TokensPerSecond);
        return command;
    }
}

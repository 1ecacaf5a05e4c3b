using System.Data.Common;
using System.Text;
using TravelDesk.Data.Connections;
using TravelDesk.Data.Users;
using TravelDesk.Data.Validation;

namespace TravelDesk.Data;

/// <summary>HITA's users: reads, paging, creation, updates and loyalty points.</summary>
public sealed class UserStore
{
    /// <summary>The largest page size <see cref="ListUsersAsync"/> accepts.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The largest points change one <see cref="AddPointsAsync"/> call accepts, either way.</summary>
    public const int MaxPointsChange = 1_000_000;

    // Far below int.MaxValue, so "points + @delta" can never overflow the column on PostgreSQL.
    private const int MaxBalance = 1_000_000_000;

    private readonly TravelDeskDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public UserStore(TravelDeskDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>The user, or <see langword="null"/> when there is none with this id.</summary>
    public async Task<User?> GetUserAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var operation = await DbOperation.StartAsync(_database, nameof(GetUserAsync), cancellationToken).ConfigureAwait(false);
        return await operation.QueryFirstOrDefaultAsync(
            $"SELECT {UserMapping.Columns} FROM users WHERE id = @id",
            new SqlArguments().Add("id", id),
            UserMapping.Map,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Page <paramref name="page"/> (from 1) of users by id, and the total count (two statements).</summary>
    /// <exception cref="DataValidationException"><paramref name="page"/> is below 1 or <paramref name="pageSize"/> outside 1–<see cref="MaxPageSize"/>.</exception>
    public async Task<UserPage> ListUsersAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        Require.InRange(page, 1, 1_000_000, nameof(page));
        Require.InRange(pageSize, 1, MaxPageSize, nameof(pageSize));

        await using var operation = await DbOperation.StartAsync(_database, nameof(ListUsersAsync), cancellationToken).ConfigureAwait(false);
        var total = await operation.QueryFirstOrDefaultAsync(
            "SELECT COUNT(*) FROM users", null, static (reader, _) => DbValues.Int32(reader, 0), cancellationToken).ConfigureAwait(false);
        var items = await operation.QueryAsync(
            $"SELECT {UserMapping.Columns} FROM users ORDER BY id LIMIT @take OFFSET @skip",
            new SqlArguments().Add("take", pageSize).Add("skip", (long)(page - 1) * pageSize),
            UserMapping.Map,
            cancellationToken).ConfigureAwait(false);
        return new UserPage(items, page, pageSize, total);
    }

    /// <summary>Creates an active user with 0 points.</summary>
    /// <exception cref="DataValidationException">The e-mail address is malformed or the name is missing or too long.</exception>
    /// <exception cref="DataConflictException">Another user has this e-mail address (compared case-insensitively).</exception>
    public async Task<User> CreateUserAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = EmailAddress.Normalize(user.Email, nameof(NewUser.Email));
        var name = Require.Text(user.Name, 100, nameof(NewUser.Name));

        await using var operation = await DbOperation.StartAsync(_database, nameof(CreateUserAsync), cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await operation.QueryFirstOrDefaultAsync(
                $"""
                INSERT INTO users (email, name, status, points, created_at, last_login_at)
                VALUES (@email, @name, @status, 0, @now, NULL)
                RETURNING {UserMapping.Columns}
                """,
                new SqlArguments().Add("email", email).Add("name", name).Add("status", UserStatus.Active).Add("now", _database.TimeProvider.GetUtcNow()),
                UserMapping.Map,
                cancellationToken).ConfigureAwait(false);
            return created ?? throw new InvalidOperationException("INSERT ... RETURNING returned no row.");
        }
        catch (DbException ex) when (_database.Dialect.IsUniqueViolation(ex))
        {
            throw EmailTaken(email, ex);
        }
    }

    /// <summary>Applies the non-null fields of <paramref name="update"/>.</summary>
    /// <returns>The updated user, or <see langword="null"/> when there is none with this id.</returns>
    /// <exception cref="DataValidationException">A value is malformed or the status unknown.</exception>
    /// <exception cref="DataConflictException">The new e-mail address belongs to another user.</exception>
    public async Task<User?> UpdateUserAsync(int id, UserUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var arguments = new SqlArguments().Add("id", id);
        var set = new StringBuilder();
        string? email = null;
        if (update.Name is not null)
        {
            Append(set, arguments, "name", Require.Text(update.Name, 100, nameof(UserUpdate.Name)));
        }

        if (update.Email is not null)
        {
            email = EmailAddress.Normalize(update.Email, nameof(UserUpdate.Email));
            Append(set, arguments, "email", email);
        }

        if (update.Status is not null)
        {
            var status = update.Status.Trim().ToLowerInvariant();
            if (!UserStatus.All.Contains(status))
            {
                Require.Fail(nameof(UserUpdate.Status), $"Status must be one of {string.Join(", ", UserStatus.All)} (was '{update.Status}').");
            }

            Append(set, arguments, "status", status);
        }

        if (set.Length == 0)
        {
            return await GetUserAsync(id, cancellationToken).ConfigureAwait(false);
        }

        await using var operation = await DbOperation.StartAsync(_database, nameof(UpdateUserAsync), cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation.QueryFirstOrDefaultAsync(
                $"UPDATE users SET {set} WHERE id = @id RETURNING {UserMapping.Columns}",
                arguments,
                UserMapping.Map,
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (email is not null && _database.Dialect.IsUniqueViolation(ex))
        {
            throw EmailTaken(email, ex);
        }
    }

    /// <summary>
    /// Adds <paramref name="points"/> (negative to redeem) to the user's balance and records the change, atomically:
    /// concurrent calls never lose an update.
    /// </summary>
    /// <returns>The updated user, or <see langword="null"/> when there is none with this id.</returns>
    /// <exception cref="DataValidationException"><paramref name="points"/> is 0 or too large, the balance would go negative, or <paramref name="reason"/> is missing.</exception>
    public async Task<User?> AddPointsAsync(int id, int points, string reason, CancellationToken cancellationToken = default)
    {
        if (points == 0 || points is < -MaxPointsChange or > MaxPointsChange)
        {
            Require.Fail(nameof(points), $"points must be non-zero and between {-MaxPointsChange} and {MaxPointsChange} (was {points}).");
        }

        var why = Require.Text(reason, 200, nameof(reason));
        var now = _database.TimeProvider.GetUtcNow();

        await using var operation = await DbOperation.StartAsync(_database, nameof(AddPointsAsync), cancellationToken).ConfigureAwait(false);
        await operation.BeginWriteAsync(cancellationToken).ConfigureAwait(false);

        // One statement reads, checks and writes the balance, so no other writer can slip in between.
        var user = await operation.QueryFirstOrDefaultAsync(
            $"""
            UPDATE users SET points = points + @delta
            WHERE id = @id AND points + @delta >= 0 AND points + @delta <= @maxBalance
            RETURNING {UserMapping.Columns}
            """,
            new SqlArguments().Add("id", id).Add("delta", points).Add("maxBalance", MaxBalance),
            UserMapping.Map,
            cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            var balance = await operation.QueryFirstOrDefaultAsync(
                "SELECT points FROM users WHERE id = @id",
                new SqlArguments().Add("id", id),
                static (reader, _) => (int?)DbValues.Int32(reader, 0),
                cancellationToken).ConfigureAwait(false);
            if (balance is null)
            {
                return null;
            }

            Require.Fail(nameof(points), points < 0
                ? $"Redeeming {-points} points would make the balance negative (balance {balance})."
                : $"Adding {points} points would take the balance above {MaxBalance} (balance {balance}).");
        }

        await operation.ExecuteAsync(
            "INSERT INTO point_events (user_id, delta, reason, created_at) VALUES (@id, @delta, @reason, @now)",
            new SqlArguments().Add("id", id).Add("delta", points).Add("reason", why).Add("now", now),
            cancellationToken).ConfigureAwait(false);
        await operation.CommitAsync(cancellationToken).ConfigureAwait(false);
        return user;
    }

    private static DataConflictException EmailTaken(string email, Exception inner) =>
        new(nameof(NewUser.Email), $"The e-mail address '{email}' is already in use.", inner);

    // Column names are literals from this class; only the values travel as parameters.
    private static void Append(StringBuilder set, SqlArguments arguments, string column, object value)
    {
        if (set.Length > 0)
        {
            set.Append(", ");
        }

        set.Append(column).Append(" = @").Append(column);
        arguments.Add(column, value);
    }
}

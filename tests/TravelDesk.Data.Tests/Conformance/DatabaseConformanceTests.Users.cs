using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    [Fact]
    public async Task GetUserAsync_Existing_ReturnsTheStoredRow()
    {
        var database = await CreateSeededAsync();
        var raw = (await RawData.ReadTableAsync(database, "users"))[4];

        var user = await new UserStore(database).GetUserAsync(raw.Int("id"));

        user.ShouldBe(new User(
            raw.Int("id"), raw.String("email"), raw.String("name"), raw.String("status"), raw.Int("points"),
            raw.Timestamp("created_at"), raw.NullableTimestamp("last_login_at")));
        (await new UserStore(database).GetUserAsync(1_000_000)).ShouldBeNull();
    }

    [Fact]
    public async Task ListUsersAsync_AllPages_CoverEveryUserOnceInIdOrder()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var total = (int)await RawData.CountAsync(database, "users");
        const int PageSize = 7;

        var ids = new List<int>();
        UserPage page;
        var number = 1;
        do
        {
            page = await store.ListUsersAsync(number++, PageSize);
            page.TotalCount.ShouldBe(total);
            page.PageSize.ShouldBe(PageSize);
            page.Items.Count.ShouldBeLessThanOrEqualTo(PageSize);
            ids.AddRange(page.Items.Select(static u => u.Id));
        }
        while (page.Items.Count == PageSize);

        ids.ShouldBe(Enumerable.Range(1, total));
        page.TotalPages.ShouldBe(number - 1);
        page.Items.Count.ShouldBe(total % PageSize);
        (await store.ListUsersAsync(page.TotalPages + 1, PageSize)).Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 10, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 101, "pageSize")]
    public async Task ListUsersAsync_InvalidPaging_NamesTheArgument(int page, int pageSize, string field)
    {
        var store = new UserStore(await CreateSeededAsync());

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.ListUsersAsync(page, pageSize));

        ex.Field.ShouldBe(field);
    }

    [Fact]
    public async Task CreateUserAsync_Valid_StoresAnActiveUserWithZeroPoints()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var seeded = await RawData.CountAsync(database, "users");

        var user = await store.CreateUserAsync(new NewUser("  New.Person@Example.ORG ", "  New Person "));

        user.Id.ShouldBe((int)seeded + 1);
        user.Email.ShouldBe("new.person@example.org");
        user.Name.ShouldBe("New Person");
        user.Status.ShouldBe(UserStatus.Active);
        user.Points.ShouldBe(0);
        user.CreatedAt.ShouldBe(Timestamp(Start));
        user.LastLoginAt.ShouldBeNull();
        (await store.GetUserAsync(user.Id)).ShouldBe(user);
    }

    [Fact]
    public async Task CreateUserAsync_DuplicateEmail_ThrowsConflictWhateverTheCase()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var existing = (await store.GetUserAsync(3))!;
        var count = await RawData.CountAsync(database, "users");

        var ex = await Should.ThrowAsync<DataConflictException>(() => store.CreateUserAsync(new NewUser(existing.Email.ToUpperInvariant(), "Copy Cat")));

        ex.Field.ShouldBe("Email");
        (await RawData.CountAsync(database, "users")).ShouldBe(count);
    }

    [Theory]
    [InlineData("not-an-email", "Valid Name", "Email")]
    [InlineData("Someone <someone@example.com>", "Valid Name", "Email")]
    [InlineData("", "Valid Name", "Email")]
    [InlineData("valid@example.com", "  ", "Name")]
    public async Task CreateUserAsync_InvalidInput_NamesTheField(string email, string name, string field)
    {
        var store = new UserStore(await CreateSeededAsync());

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.CreateUserAsync(new NewUser(email, name)));

        ex.Field.ShouldBe(field);
    }

    [Fact]
    public async Task UpdateUserAsync_GivenFields_ChangesOnlyThose()
    {
        var store = new UserStore(await CreateSeededAsync());
        var before = (await store.GetUserAsync(2))!;

        var after = await store.UpdateUserAsync(2, new UserUpdate { Status = "Suspended", Email = "Changed@Example.com" });

        after.ShouldBe(before with { Status = UserStatus.Suspended, Email = "changed@example.com" });
        (await store.GetUserAsync(2)).ShouldBe(after);
        (await store.UpdateUserAsync(2, new UserUpdate())).ShouldBe(after);
        (await store.UpdateUserAsync(1_000_000, new UserUpdate { Name = "Ghost" })).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateUserAsync_AnotherUsersEmail_ThrowsConflict()
    {
        var store = new UserStore(await CreateSeededAsync());
        var other = (await store.GetUserAsync(1))!;

        var ex = await Should.ThrowAsync<DataConflictException>(() => store.UpdateUserAsync(2, new UserUpdate { Email = other.Email }));

        ex.Field.ShouldBe("Email");
        (await store.GetUserAsync(2))!.Email.ShouldNotBe(other.Email);
    }

    [Theory]
    [InlineData("Status")]
    [InlineData("Name")]
    [InlineData("Email")]
    public async Task UpdateUserAsync_InvalidValue_NamesTheField(string field)
    {
        var store = new UserStore(await CreateSeededAsync());
        var update = field switch
        {
            "Status" => new UserUpdate { Status = "banned" },
            "Name" => new UserUpdate { Name = new string('n', 101) },
            _ => new UserUpdate { Email = "@example.com" },
        };

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.UpdateUserAsync(2, update));

        ex.Field.ShouldBe(field);
    }

    [Fact]
    public async Task AddPointsAsync_EarnAndRedeem_UpdatesTheBalanceAndRecordsEachChange()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var before = (await store.GetUserAsync(5))!;
        var events = await RawData.CountAsync(database, "point_events");

        (await store.AddPointsAsync(5, 250, "bonus"))!.Points.ShouldBe(before.Points + 250);
        (await store.AddPointsAsync(5, -100, "redeemed"))!.Points.ShouldBe(before.Points + 150);

        (await store.GetUserAsync(5))!.Points.ShouldBe(before.Points + 150);
        (await RawData.CountAsync(database, "point_events")).ShouldBe(events + 2);
        var recorded = (await RawData.ReadTableAsync(database, "point_events")).Where(static e => e.Int("user_id") == 5).Sum(static e => e.Int("delta"));
        recorded.ShouldBe(before.Points + 150);
    }

    [Fact]
    public async Task AddPointsAsync_BelowZero_IsRefusedAndChangesNothing()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var before = (await store.GetUserAsync(6))!;
        var events = await RawData.CountAsync(database, "point_events");

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.AddPointsAsync(6, -(before.Points + 1), "too much"));

        ex.Field.ShouldBe("points");
        (await store.GetUserAsync(6))!.Points.ShouldBe(before.Points);
        (await RawData.CountAsync(database, "point_events")).ShouldBe(events);
        (await store.AddPointsAsync(6, -before.Points, "everything"))!.Points.ShouldBe(0);
    }

    [Theory]
    [InlineData(0, "reason", "points")]
    [InlineData(UserStore.MaxPointsChange + 1, "reason", "points")]
    [InlineData(10, " ", "reason")]
    public async Task AddPointsAsync_InvalidArguments_NameTheArgument(int points, string reason, string field)
    {
        var store = new UserStore(await CreateSeededAsync());

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.AddPointsAsync(1, points, reason));

        ex.Field.ShouldBe(field);
    }

    [Fact]
    public async Task AddPointsAsync_UnknownUser_ReturnsNull()
    {
        var store = new UserStore(await CreateSeededAsync());

        (await store.AddPointsAsync(1_000_000, 10, "nobody")).ShouldBeNull();
        (await store.AddPointsAsync(1_000_000, -10, "nobody")).ShouldBeNull();
    }

    [Fact]
    public async Task AddPointsAsync_EightConcurrentWriters_LoseNoUpdate()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var first = (await store.GetUserAsync(1))!.Points;
        var second = (await store.GetUserAsync(2))!.Points;
        var events = await RawData.CountAsync(database, "point_events");
        const int Writers = 8;
        const int Calls = 25;

        // Task.Run so the writers really overlap (SQLite's provider completes synchronously).
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var call = 0; call < Calls; call++)
            {
                (await store.AddPointsAsync((writer % 2) + 1, 3, "concurrent")).ShouldNotBeNull();
            }
        })));

        (await store.GetUserAsync(1))!.Points.ShouldBe(first + (Writers / 2 * Calls * 3));
        (await store.GetUserAsync(2))!.Points.ShouldBe(second + (Writers / 2 * Calls * 3));
        (await RawData.CountAsync(database, "point_events")).ShouldBe(events + (Writers * Calls));
    }

    [Fact]
    public async Task AddPointsAsync_ConcurrentRedemptions_NeverOverdraw()
    {
        var database = await CreateSeededAsync();
        var store = new UserStore(database);
        var delta = 40 - (await store.GetUserAsync(7))!.Points;
        if (delta != 0)
        {
            await store.AddPointsAsync(7, delta, "set up a balance of 40");
        }

        var granted = 0;
        var refused = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var call = 0; call < 8; call++)
            {
                try
                {
                    await store.AddPointsAsync(7, -1, "redeem one");
                    Interlocked.Increment(ref granted);
                }
                catch (DataValidationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })));

        granted.ShouldBe(40);
        refused.ShouldBe(24);
        (await store.GetUserAsync(7))!.Points.ShouldBe(0);
    }
}

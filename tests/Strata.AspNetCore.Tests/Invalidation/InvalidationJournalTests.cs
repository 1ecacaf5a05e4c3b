using Strata.AspNetCore.Invalidation;

namespace Strata.AspNetCore.Tests.Invalidation;

public sealed class InvalidationJournalTests
{
    [Fact]
    public void Recent_MoreAddedThanCapacity_KeepsTheLastOnesNewestFirst()
    {
        var journal = new InvalidationJournal(3);
        for (var i = 0; i < 5; i++)
        {
            journal.Add(Record($"tag:{i}"));
        }

        journal.Recent(10).Select(r => r.Target).ShouldBe(["tag:4", "tag:3", "tag:2"]);
        journal.Recent(2).Select(r => r.Target).ShouldBe(["tag:4", "tag:3"]);
        journal.Total.ShouldBe(5);
    }

    [Fact]
    public void Recent_FewerThanCapacity_ReturnsOnlyThose()
    {
        var journal = new InvalidationJournal(100);
        journal.Add(Record("a"));

        journal.Recent(100).Select(r => r.Target).ShouldBe(["a"]);
        journal.Recent(0).ShouldBeEmpty();
    }

    private static InvalidationRecord Record(string target) =>
        new(DateTimeOffset.UnixEpoch, InvalidationKind.Tag, target, InvalidationSource.Rule, "POST /x", "POST", "/x", 200, null);
}

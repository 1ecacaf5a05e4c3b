using System.Globalization;

namespace Strata.Testing.Tests.Cluster;

[Collection(SharedRedisClusterCollection.Name)]
public sealed class RedisClusterMigrationTests(RedisClusterFixture fixture)
{
    private RedisCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task MigrateSlot_Incomplete_SourceAnswersAsk_ThenComplete_SourceAnswersMoved()
    {
        const string Key = "migrate:{slot-test}";
        var slot = await Cluster.KeySlotAsync(Key);
        var source = await Cluster.PrimaryOfSlotAsync(slot);
        var target = (await Cluster.PrimariesAsync()).First(p => p != source);
        (await Cluster.CliAsync(source, "SET", Key, "moving")).ShouldBe("OK");
        (await Cluster.CliAsync(source, "SET", "other:{slot-test}", "too")).ShouldBe("OK");

        await Cluster.MigrateSlotAsync(slot, source, target, complete: false);

        var slotText = slot.ToString(CultureInfo.InvariantCulture);
        (await Cluster.CliAsync(source, "GET", Key)).ShouldBe($"ASK {slotText} {target.Endpoint}");
        // The target serves the key only after ASKING; without it, it redirects back to the owner.
        (await Cluster.CliAsync(target, "GET", Key)).ShouldBe($"MOVED {slotText} {source.Endpoint}");

        await Cluster.CompleteMigrationAsync(slot, target);

        (await Cluster.CliAsync(source, "GET", Key)).ShouldBe($"MOVED {slotText} {target.Endpoint}");
        (await Cluster.CliAsync(target, "GET", Key)).ShouldBe("moving");
        (await Cluster.PrimaryOfSlotAsync(slot)).ShouldBe(target);

        // Move it back in one go so the shared cluster keeps its original layout.
        await Cluster.MigrateSlotAsync(slot, target, source);
        (await Cluster.CliAsync(source, "GET", Key)).ShouldBe("moving");
        (await Cluster.PrimaryOfSlotAsync(slot)).ShouldBe(source);
        await Cluster.WaitHealthyAsync();
    }
}

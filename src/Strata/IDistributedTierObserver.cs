namespace Strata;

/// <summary>Receives what an <see cref="IDistributedTier"/> learns about changes made by other nodes. Called on the
/// tier's own threads: implementations must be quick and must not throw.</summary>
public interface IDistributedTierObserver
{
    /// <summary>The value or stamp under <paramref name="key"/> (a full key) changed on another node.</summary>
    void OnKeyChanged(string key);

    /// <summary>Every key may have changed (the server was flushed, or invalidations were lost in bulk).</summary>
    void OnAllChanged();

    /// <summary>The tier lost its connection: changes may be missed until <see cref="OnConnectionRestored"/>.</summary>
    void OnConnectionLost();

    /// <summary>The tier reconnected and delivers changes again.</summary>
    void OnConnectionRestored();
}

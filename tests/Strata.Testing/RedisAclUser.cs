namespace Strata.Testing;

/// <summary>
/// An ACL user written into the server's config file as <c>user &lt;Name&gt; on &gt;&lt;Password&gt; &lt;Rules&gt;</c>.
/// </summary>
/// <param name="Name">The user name.</param>
/// <param name="Password">The user's password (added as a <c>&gt;password</c> rule).</param>
/// <param name="Rules">
/// Further ACL rules, space separated; default <c>~* &amp;* +@all</c> (everything). Rules come after <c>on</c>, so
/// <c>off</c> here disables the user.
/// </param>
public sealed record RedisAclUser(string Name, string Password, string Rules = "~* &* +@all");

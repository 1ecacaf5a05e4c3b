using System.Collections;

namespace TravelDesk.Data.Connections;

/// <summary>
/// The parameters of one statement, by name (without prefix; the SQL writes them as <c>@name</c>). Values are converted
/// for the dialect when the command is built, so callers pass <see cref="DateOnly"/> and <see cref="DateTimeOffset"/>.
/// </summary>
internal sealed class SqlArguments : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values = [];

    public int Count => _values.Count;

    public SqlArguments Add(string name, object? value)
    {
        _values.Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }

    /// <summary>Adds one parameter per value (<c>prefix0</c>, <c>prefix1</c>, ...) and returns the SQL list "@prefix0, @prefix1".</summary>
    public string AddList<T>(string prefix, IReadOnlyList<T> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var name = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Add(name, values[i]);
            names[i] = "@" + name;
        }

        return string.Join(", ", names);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

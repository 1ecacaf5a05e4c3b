using System.Diagnostics;
using System.Text;

namespace Strata.Testing;

/// <summary>Keeps the last lines a child process wrote to stdout/stderr, for failure messages.</summary>
internal sealed class ProcessOutput
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;

    public ProcessOutput(int capacity = 200) => _capacity = capacity;

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            foreach (var line in _lines)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            var builder = new StringBuilder();
            foreach (var line in _lines.Skip(Math.Max(0, _lines.Count - lines)))
            {
                builder.AppendLine(line);
            }

            return builder.ToString();
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }
}

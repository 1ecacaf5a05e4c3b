namespace Strata.Resp.Tests.Protocol;

/// <summary>One valid top-level frame and the tokens the reader must decode from it (attributes skipped).</summary>
internal sealed record RespCorpusFrame(string Name, byte[] Bytes, IReadOnlyList<string> Tokens)
{
    public override string ToString() => Name;
}

namespace Cx.Understanding.Domain.Enrichment;

/// <summary>Where something sits in the original text: UTF-16 offsets, as .NET strings and JavaScript count them.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public string Of(string text) => text.Substring(Start, Length);
}

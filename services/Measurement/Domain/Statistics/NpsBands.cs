namespace Cx.Measurement.Domain.Statistics;

/// <summary>
/// The bands of an NPS answer on the 0–10 scale: detractors 0–6, passives 7–8, promoters 9–10.
/// Scoring counts them and recording raises detractor_detected from them; one definition keeps a
/// score's detractors and the cases opened for them the same people.
/// </summary>
public static class NpsBands
{
    public const int Lowest = 0;
    public const int Highest = 10;

    /// <summary>The highest answer that makes a detractor.</summary>
    public const int DetractorMax = 6;

    /// <summary>The lowest answer that makes a promoter.</summary>
    public const int PromoterMin = 9;

    /// <summary>Whether an answer on the 0–10 scale is a detractor's.</summary>
    public static bool IsDetractor(int answer) => answer is >= Lowest and <= DetractorMax;

    /// <summary>Whether an answer on the 0–10 scale is a promoter's.</summary>
    public static bool IsPromoter(int answer) => answer is >= PromoterMin and <= Highest;
}

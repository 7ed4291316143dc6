namespace Cx.Measurement.Data;

/// <summary>The context tags kept on responses and on rollups alike, so one filter reads both.</summary>
public interface IContextTags
{
    string Channel { get; }

    string JourneyId { get; }

    string JourneyStepId { get; }

    string Touchpoint { get; }

    string Segment { get; }

    string Region { get; }

    string TeamId { get; }
}

using Cx.Domain.Errors;
using Cx.Understanding.Domain.Personas;

namespace Cx.Understanding.Tests;

/// <summary>What a persona may be, decided without a database or a clock.</summary>
public sealed class PersonaDomainTests
{
    private static PersonaDescription Valid() => new(
        "loyal-advocate", "Loyal advocate", "Recommends us.", ["Reorder quickly"], ["Trust"], ["Answers surveys"], ["Reliable dates"], ["Fixed at first contact"], ["promoters-90d"], ["nps-relationship"]);

    private static List<string> Fields(PersonaDescription persona)
    {
        try
        {
            var validator = new Validator();
            PersonaLimits.Check(persona, "persona.", validator);
            validator.ThrowIfInvalid();
            return [];
        }
        catch (ValidationFailedException e)
        {
            return [.. e.Violations.Select(v => v.Field)];
        }
    }

    [Fact]
    public void AValidPersona_HasNoViolations()
    {
        Assert.Empty(Fields(Valid()));
        Assert.Empty(Fields(Valid() with { MetricIds = [], Goals = [.. Enumerable.Repeat(new string('g', PersonaLimits.MaxEntry), PersonaLimits.MaxListEntries)] }));
    }

    [Fact]
    public void EveryBound_IsNamedByItsField()
    {
        var tooMany = Valid() with
        {
            Narrative = new string('n', PersonaLimits.MaxNarrative + 1),
            Motivations = [.. Enumerable.Repeat("m", PersonaLimits.MaxListEntries + 1)],
            Behaviours = [new string('b', PersonaLimits.MaxEntry + 1)],
            Expectations = ["  "],
            SegmentIds = [.. Enumerable.Range(0, PersonaLimits.MaxSegments + 1).Select(i => "s" + i)],
            MetricIds = ["nps", new string('m', PersonaLimits.MaxMetricId + 1), "nps"],
        };

        Assert.Equal(
            ["persona.narrative", "persona.motivations", "persona.behaviours[0]", "persona.expectations[0]", "persona.segment_ids", "persona.metric_ids[1]", "persona.metric_ids[2]"],
            Fields(tooMany));
        Assert.Equal(["persona.segment_ids"], Fields(Valid() with { SegmentIds = [] }));
    }

    [Fact]
    public void TheScoresWindow_DefaultsTo90Days_AndIsBounded()
    {
        Assert.Equal((90, 7), (PersonaLimits.WindowDays(0), PersonaLimits.WindowDays(7)));
        foreach (var (days, valid) in new[] { (0, true), (3_650, true), (-1, false), (3_651, false) })
        {
            var validator = new Validator();
            PersonaLimits.CheckWindow(days, "window_days", validator);
            Assert.Equal(valid, validator.IsValid);
        }
    }
}

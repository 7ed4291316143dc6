using Cx.Domain.Errors;
using Cx.Understanding.Domain.Segments;

namespace Cx.Understanding.Tests;

/// <summary>Segment rules as plain C#: evaluation, when a membership lapses by time alone, what a rule reads, and its limits.</summary>
public sealed class SegmentDomainTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static readonly SegmentRule Promoters = new([new ScoreCondition("nps-relationship", 9, 10, 1, 90)]);

    private static readonly SegmentRule FrequentContacts = new([new ContactCondition(3, [], 7)]);

    private static CustomerFacts Facts(IReadOnlyList<ScoreFact>? scores = null, IReadOnlyList<ContactFact>? contacts = null, Dictionary<string, string>? attributes = null) =>
        new(attributes ?? [], scores ?? [], contacts ?? []);

    [Fact]
    public void AScoreInRange_WithinTheWindow_MakesAMember_UntilItIsAWindowOld()
    {
        var scores = new List<ScoreFact>
        {
            new("nps-relationship", 9, Now.AddDays(-80)),
            new("nps-relationship", 10, Now.AddDays(-10)),
            new("nps-relationship", 8, Now.AddDays(-1)),
            new("nps-other", 10, Now.AddDays(-1)),
        };

        var verdict = SegmentEvaluation.Evaluate(Promoters, Facts(scores), Now);

        // The latest matching score (10 days ago) keeps them in for 90 days from when it was given.
        Assert.Equal(new SegmentVerdict(true, Now.AddDays(80)), verdict);
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(Promoters, Facts(scores), Now.AddDays(80)));
        Assert.True(SegmentEvaluation.Evaluate(Promoters, Facts(scores), Now.AddDays(80).AddTicks(-1)).Member);
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(Promoters, Facts([new("nps-relationship", 8, Now.AddDays(-1)), new("nps-relationship", 9, Now.AddDays(-90))]), Now));
    }

    [Fact]
    public void ThreeContactsInAWeek_LapsesWhenTheThirdLatestIsAWeekOld()
    {
        var contacts = new List<ContactFact> { new("phone", Now.AddDays(-6)), new("email", Now.AddDays(-5)), new("chat", Now.AddDays(-2)), new("phone", Now.AddDays(-1)) };

        Assert.Equal(new SegmentVerdict(true, Now.AddDays(2)), SegmentEvaluation.Evaluate(FrequentContacts, Facts(contacts: contacts), Now));
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(FrequentContacts, Facts(contacts: contacts[..2]), Now));

        // Only the channels named count.
        var byPhone = new SegmentRule([new ContactCondition(2, ["phone", "chat"], 7)]);
        Assert.Equal(new SegmentVerdict(true, Now.AddDays(5)), SegmentEvaluation.Evaluate(byPhone, Facts(contacts: contacts), Now));
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(new SegmentRule([new ContactCondition(2, ["store"], 7)]), Facts(contacts: contacts), Now));
    }

    [Theory]
    [InlineData(AttributeOperator.Equals, new[] { "gold" }, 0d, "gold", true)]
    [InlineData(AttributeOperator.Equals, new[] { "gold" }, 0d, "Gold", false)]
    [InlineData(AttributeOperator.OneOf, new[] { "silver", "gold" }, 0d, "gold", true)]
    [InlineData(AttributeOperator.OneOf, new[] { "silver", "bronze" }, 0d, "gold", false)]
    [InlineData(AttributeOperator.Exists, new string[0], 0d, "", true)]
    [InlineData(AttributeOperator.AtLeast, new string[0], 3d, "3", true)]
    [InlineData(AttributeOperator.AtLeast, new string[0], 3d, "2.5", false)]
    [InlineData(AttributeOperator.AtLeast, new string[0], 3d, "many", false)]
    [InlineData(AttributeOperator.AtMost, new string[0], -1d, "-1.5", true)]
    [InlineData(AttributeOperator.AtMost, new string[0], -1d, "0", false)]
    public void AttributeConditions(AttributeOperator op, string[] values, double number, string value, bool member)
    {
        var rule = new SegmentRule([new AttributeCondition("tier", op, values, number)]);

        Assert.Equal(new SegmentVerdict(member, null), SegmentEvaluation.Evaluate(rule, Facts(attributes: new() { ["tier"] = value }), Now));
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(rule, Facts(attributes: new() { ["other"] = value }), Now));
    }

    [Fact]
    public void EveryConditionMustHold_AndTheMembershipLapsesAtTheEarliestWindowEnd()
    {
        var rule = new SegmentRule([new AttributeCondition("tier", AttributeOperator.Equals, ["gold"], 0), Promoters.AllOf[0], FrequentContacts.AllOf[0]]);
        var scores = new List<ScoreFact> { new("nps-relationship", 10, Now.AddDays(-1)) };
        var contacts = new List<ContactFact> { new("phone", Now.AddDays(-3)), new("phone", Now.AddDays(-2)), new("phone", Now.AddDays(-1)) };

        Assert.Equal(new SegmentVerdict(true, Now.AddDays(4)), SegmentEvaluation.Evaluate(rule, Facts(scores, contacts, new() { ["tier"] = "gold" }), Now));
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(rule, Facts(scores, contacts, new() { ["tier"] = "silver" }), Now));
        Assert.Equal(SegmentVerdict.NotMember, SegmentEvaluation.Evaluate(rule, Facts(scores, contacts[1..], new() { ["tier"] = "gold" }), Now));
    }

    [Fact]
    public void ARuleDependsOnTheAttributesMetricsAndChannelsItReads()
    {
        var rule = new SegmentRule([
            new AttributeCondition("tier", AttributeOperator.Exists, [], 0),
            new ScoreCondition("nps", 9, 10, 2, 30),
            new ContactCondition(1, ["phone", "chat"], 7),
            new ContactCondition(3, [], 7),
        ]);

        Assert.Equal(["attribute:tier", "contact:*", "contact:chat", "contact:phone", "score:nps"], SegmentDependencies.Of(rule).Order(StringComparer.Ordinal));
        Assert.Equal(["contact:*", "contact:phone"], SegmentDependencies.OfContact("phone"));
    }

    [Fact]
    public void ABadRule_IsRefusedWithAViolationPerField()
    {
        var rule = new SegmentRule([
            new AttributeCondition("Tier", AttributeOperator.Equals, ["a", "b"], 0),
            new ScoreCondition("", 10, 9, 0, 0),
            new ContactCondition(0, ["Phone"], 3651),
            new AttributeCondition("tier", (AttributeOperator)0, [], 0),
        ]);
        var validator = new Validator();

        SegmentLimits.Check(rule, "segment.rule.", validator);

        var error = Assert.Throws<ValidationFailedException>(validator.ThrowIfInvalid);
        Assert.Equal(
            [
                "segment.rule.all_of[0].attribute.key", "segment.rule.all_of[0].attribute.values",
                "segment.rule.all_of[1].score.metric_id", "segment.rule.all_of[1].score.max_score", "segment.rule.all_of[1].score.count", "segment.rule.all_of[1].score.window_days",
                "segment.rule.all_of[2].contacts.count", "segment.rule.all_of[2].contacts.channels", "segment.rule.all_of[2].contacts.window_days",
                "segment.rule.all_of[3].attribute.operator",
            ],
            error.Violations.Select(v => v.Field));

        var empty = new Validator();
        SegmentLimits.Check(new SegmentRule([]), "rule.", empty);
        Assert.Equal(["rule.all_of"], Assert.Throws<ValidationFailedException>(empty.ThrowIfInvalid).Violations.Select(v => v.Field));
        var tooMany = new Validator();
        SegmentLimits.Check(new SegmentRule(Enumerable.Repeat<SegmentCondition>(Promoters.AllOf[0], 21).ToList()), "rule.", tooMany);
        Assert.Equal(["rule.all_of"], Assert.Throws<ValidationFailedException>(tooMany.ThrowIfInvalid).Violations.Select(v => v.Field));
    }
}

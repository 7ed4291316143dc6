using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Praise;

namespace Cx.Understanding.Tests.Enrichment;

[Collection(EnrichmentGroup.Name)]
public sealed class PraiseTests(EnrichmentFixture fixture)
{
    private EnrichmentResult Enrich(string text, ResponseEmployee? employee = null) =>
        fixture.Engine.Enrich(new EnrichmentRequest(text, Names: EnrichmentFixture.Names, Employee: employee));

    [Fact]
    public void Praise_names_the_employee_and_the_team_from_the_name_list_with_the_praising_word()
    {
        var result = Enrich("Anna at the Leeds depot was brilliant. The parcel was late though.");

        Assert.Equal(
        [
            new PraiseMention("emp-anna", PraiseTargetKind.Employee, "Anna", new TextSpan(0, 4), new TextSpan(28, 9)),
            new PraiseMention("team-leeds", PraiseTargetKind.Team, "Leeds depot", new TextSpan(12, 11), new TextSpan(28, 9)),
        ], result.Praise);
    }

    [Fact]
    public void Chinese_praise_names_小王()
    {
        var result = Enrich("快递小哥很热情，小王帮我办了退款，非常感谢！");

        Assert.Equal([new PraiseMention("emp-wang", PraiseTargetKind.Employee, "小王", new TextSpan(8, 2), new TextSpan(19, 2))], result.Praise);
    }

    [Fact]
    public void A_word_for_the_person_who_served_names_the_responses_employee()
    {
        var employee = new ResponseEmployee("emp-7", "Tom");

        Assert.Equal(
            [new PraiseMention("emp-7", PraiseTargetKind.Employee, "agent", new TextSpan(4, 5), new TextSpan(21, 4))],
            Enrich("The agent was really kind and sorted my bill.", employee).Praise);
        Assert.Equal(
            [new PraiseMention("emp-7", PraiseTargetKind.Employee, "Tom", new TextSpan(0, 3), new TextSpan(8, 7))],
            Enrich("Tom was helpful.", employee).Praise);
        Assert.Equal(
            [new PraiseMention("emp-7", PraiseTargetKind.Employee, "客服", new TextSpan(0, 2), new TextSpan(2, 2))],
            Enrich("客服耐心又专业。", employee).Praise);
    }

    [Theory]
    [InlineData("Tom was rude and the bill was wrong.")]
    [InlineData("Anna was nice but the parcel never arrived and nobody called me back.")]
    [InlineData("Annabel was brilliant.")]
    [InlineData("The agent was really kind.")]
    public void No_praise_when_the_sentence_is_not_positive_or_no_one_on_the_list_is_named(string text)
    {
        // The last: a role word names only the response's employee, and this text has none.
        Assert.Empty(Enrich(text, text.StartsWith("Tom", StringComparison.Ordinal) ? new ResponseEmployee("emp-7", "Tom") : null).Praise);
    }
}

using System.Text;
using Cx.Understanding.Domain.Enrichment;
using Xunit.Abstractions;

namespace Cx.Understanding.Tests.Enrichment;

/// <summary>
/// Accuracy on the labelled sets in Labelled/ (label TAB text, one per line): macro-F1 over the
/// three labels, per language, on the whole set and on each half (even lines were read while the
/// lexicons were written; odd lines were held out and only ever scored).
/// </summary>
[Collection(EnrichmentGroup.Name)]
public sealed class LabelledSetTests(EnrichmentFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("en", 0.80)]
    [InlineData("zh", 0.75)]
    public void Macro_F1_meets_the_goal(string language, double goal)
    {
        var rows = Read(language);
        Assert.True(rows.Count >= 300, $"{rows.Count} texts");
        foreach (var label in Enum.GetValues<SentimentLabel>())
        {
            Assert.InRange(rows.Count(r => r.Label == label), rows.Count / 3 - 5, rows.Count / 3 + 5);
        }

        var predicted = rows.Select(r => fixture.Engine.Enrich(new EnrichmentRequest(r.Text))).ToList();
        Assert.All(predicted, p => Assert.Equal(language, p.Language));
        var all = MacroF1(rows.Select((r, i) => (r.Label, predicted[i].Sentiment.Label)));
        var tuning = MacroF1(rows.Select((r, i) => (r.Label, predicted[i].Sentiment.Label)).Where((_, i) => i % 2 == 0));
        var heldOut = MacroF1(rows.Select((r, i) => (r.Label, predicted[i].Sentiment.Label)).Where((_, i) => i % 2 == 1));
        output.WriteLine($"{language}: n={rows.Count} macro-F1 {all:F3} (tuning half {tuning:F3}, held-out half {heldOut:F3})");

        Assert.True(all >= goal, $"macro-F1 {all:F3} < {goal}");
        Assert.True(heldOut >= goal, $"held-out macro-F1 {heldOut:F3} < {goal}");
    }

    [Fact]
    public void Macro_F1_is_the_mean_of_the_per_label_F1()
    {
        // negative: P 1/1, R 1/2 → 0.667; neutral: P 1/2, R 1/1 → 0.667; positive: P 1, R 1 → 1.
        var pairs = new[]
        {
            (SentimentLabel.Negative, SentimentLabel.Negative),
            (SentimentLabel.Negative, SentimentLabel.Neutral),
            (SentimentLabel.Neutral, SentimentLabel.Neutral),
            (SentimentLabel.Positive, SentimentLabel.Positive),
        };

        Assert.Equal(0.7778, Math.Round(MacroF1(pairs), 4));
    }

    internal static double MacroF1(IEnumerable<(SentimentLabel Gold, SentimentLabel Predicted)> pairs)
    {
        var list = pairs.ToList();
        var labels = Enum.GetValues<SentimentLabel>();
        return labels.Average(label =>
        {
            double tp = list.Count(p => p.Gold == label && p.Predicted == label);
            double fp = list.Count(p => p.Gold != label && p.Predicted == label);
            double fn = list.Count(p => p.Gold == label && p.Predicted != label);
            var precision = tp + fp == 0 ? 0 : tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : tp / (tp + fn);
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        });
    }

    internal static List<(SentimentLabel Label, string Text)> Read(string language)
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "Cx.Understanding.Tests", "Enrichment", "Labelled", $"{language}.tsv");
        return File.ReadAllLines(path, Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(fields => (Enum.Parse<SentimentLabel>(fields[0], ignoreCase: true), fields[1]))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cx.slnx was not found above " + AppContext.BaseDirectory);
    }
}

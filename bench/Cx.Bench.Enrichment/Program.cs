using System.Diagnostics;
using System.Globalization;
using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Praise;
using Cx.Understanding.Domain.Enrichment.Tokenisation;
using Cx.Understanding.Domain.Enrichment.Topics;

// Usage: Cx.Bench.Enrichment [--seconds 5] [--runs 3]   (a run takes twice --seconds: both passes)
// The texts are the labelled sets (English and Chinese customer-service comments). Each run times,
// on one thread, a bare pass of the tokenisers (Lucene for English, jieba for Chinese, the language
// known in advance) and full enrichment (language, sentiment, effort, topics from a taxonomy, praise
// against a name list) over the same texts, pass after pass, and reports texts/s and their ratio.
var seconds = double.Parse(Argument("--seconds", "5"), CultureInfo.InvariantCulture);
var runs = int.Parse(Argument("--runs", "3"), CultureInfo.InvariantCulture);
var root = RepositoryRoot();
string[] languages = ["en", "zh"];
var texts = languages
    .SelectMany(language => File.ReadAllLines(Path.Combine(root, "tests", "Cx.Understanding.Tests", "Enrichment", "Labelled", $"{language}.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => (Language: language, Text: line.Split('\t')[1])))
    .ToArray();
var byLanguage = texts.GroupBy(t => t.Language).ToDictionary(g => g.Key, g => g.ToArray());

var taxonomy = Taxonomy.Compile(1,
[
    new("delivery", "Delivery", ["deliver* | courier | parcel | driver | 快递 | 配送 | 送货 | 包裹", "tracking NOT NEAR app WITHIN 3"]),
    new("waiting", "Waiting", ["wait* | on hold | queue | 等 | 排队"]),
    new("refunds", "Refunds", ["refund* | money back | 退款 NOT NEAR tax | 退税 WITHIN 3"]),
    new("billing", "Billing", ["bill | billing | invoice* | charge* | 账单 | 扣费 | 发票"]),
    new("app", "App", ["app | website | login | password | 登录 | 密码 | 网站"]),
    new("agents", "Agents", ["agent | staff | support | customer service | 客服 | 工作人员"]),
]);
IReadOnlyList<NamedTarget> names =
[
    new("emp-sarah", PraiseTargetKind.Employee, ["Sarah"]),
    new("emp-james", PraiseTargetKind.Employee, ["James"]),
    new("emp-priya", PraiseTargetKind.Employee, ["Priya"]),
    new("emp-li", PraiseTargetKind.Employee, ["小李"]),
    new("emp-wang", PraiseTargetKind.Employee, ["小王"]),
    new("team-delivery", PraiseTargetKind.Team, ["delivery team", "配送团队"]),
];

using var engine = new EnrichmentEngine();
using var english = new EnglishTokenizer();
var chinese = new ChineseTokenizer();

Console.WriteLine($"{texts.Length} texts ({texts.Count(t => t.Language == "en")} English, {texts.Count(t => t.Language == "zh")} Chinese), runs of {2 * seconds:0.#} s, one thread");
Console.WriteLine($"{"run",-4} {"bare tokenisers (texts/s)",26} {"enrichment (texts/s)",22} {"ratio",7}   per language");

// Run 0 warms up (the JIT, jieba's dictionary) and is not reported. Within a run the two passes
// alternate, a language at a time, so both see the same machine (other work on it comes and goes).
var ratios = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var budget = TimeSpan.FromSeconds(run == 0 ? 2 : 2 * seconds);
    var bareTime = new Dictionary<string, TimeSpan> { ["en"] = TimeSpan.Zero, ["zh"] = TimeSpan.Zero };
    var enrichTime = new Dictionary<string, TimeSpan> { ["en"] = TimeSpan.Zero, ["zh"] = TimeSpan.Zero };
    var passes = 0;
    var sink = 0L;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < budget)
    {
        foreach (var language in languages)
        {
            var started = clock.Elapsed;
            foreach (var (_, text) in byLanguage[language])
            {
                sink += (language == "zh" ? chinese.Tokenize(text) : english.Tokenize(text)).Count;
            }

            var middle = clock.Elapsed;
            foreach (var (_, text) in byLanguage[language])
            {
                var result = engine.Enrich(new EnrichmentRequest(text, taxonomy, names));
                sink += result.Sentiment.Drivers.Count + result.Topics.Count;
            }

            bareTime[language] += middle - started;
            enrichTime[language] += clock.Elapsed - middle;
        }

        passes++;
    }

    GC.KeepAlive(sink);
    if (run == 0)
    {
        continue;
    }

    var bare = passes * texts.Length / (bareTime["en"] + bareTime["zh"]).TotalSeconds;
    var enriched = passes * texts.Length / (enrichTime["en"] + enrichTime["zh"]).TotalSeconds;
    ratios.Add(enriched / bare);
    Console.WriteLine($"{run,-4} {bare,26:N0} {enriched,22:N0} {enriched / bare,7:F2}   en {bareTime["en"] / enrichTime["en"]:F2}, zh {bareTime["zh"] / enrichTime["zh"]:F2}");
}

Console.WriteLine($"ratio min–max over {runs} runs: {ratios.Min():F2}–{ratios.Max():F2} (goal ≥ 0.3)");
return ratios.Min() >= 0.3 ? 0 : 1;

string Argument(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static string RepositoryRoot()
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

using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cx.Understanding.Domain.Enrichment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Cx.Understanding.Feedback;

/// <summary>Where the external sentiment model is and how long to wait for it; no endpoint, no model.</summary>
public sealed record ExternalModelSettings(Uri? Endpoint, TimeSpan Timeout, string? ApiKey)
{
    public const string Section = "Cx:Understanding:Enrichment:ExternalModel";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    public static ExternalModelSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var endpoint = section["Endpoint"] is { Length: > 0 } text ? new Uri(text, UriKind.Absolute) : null;
        if (endpoint is not null && endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{Section}:Endpoint must be an http or https address; it is '{endpoint}'.");
        }

        var timeout = section.GetValue<int?>("TimeoutMilliseconds") is { } ms ? TimeSpan.FromMilliseconds(ms) : DefaultTimeout;
        return new ExternalModelSettings(endpoint, timeout, section["ApiKey"] is { Length: > 0 } key ? key : null);
    }
}

/// <summary>
/// The external sentiment model over HTTP, in the JSON contract docs/enrichment.md defines: all the
/// comments of a response in one request, within the configured timeout. A timeout, an error or an
/// answer that is not the contract's leaves those comments with the built-in sentiment; each such
/// fallback is logged and counted (<c>cx.understanding.enrichment.external_fallbacks</c>, by reason).
/// </summary>
internal sealed partial class ExternalSentimentModel(HttpClient http, ExternalModelSettings settings, ILogger<ExternalSentimentModel> log) : IExternalSentimentModel
{
    public const string MeterName = "Cx.Understanding";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "cx.understanding.enrichment.external_fallbacks", "{text}", "Texts the external sentiment model gave no usable answer for, so the built-in model's sentiment was kept.");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsConfigured => settings.Endpoint is not null;

    public async Task<IReadOnlyList<ExternalSentimentResult?>> ScoreAsync(IReadOnlyList<SentimentQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var none = new ExternalSentimentResult?[queries.Count];
        if (settings.Endpoint is null || queries.Count == 0)
        {
            return none;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        ModelAnswer? answer;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint)
            {
                Content = JsonContent.Create(new ModelRequest(queries.Select((q, i) => new ModelText(Id(i), q.Text, q.Language)).ToList()), options: Json),
            };
            if (settings.ApiKey is { } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Fell(none, "error", $"it answered {(int)response.StatusCode}");
            }

            answer = await response.Content.ReadFromJsonAsync<ModelAnswer>(Json, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fell(none, "timeout", $"it did not answer within {settings.Timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            return Fell(none, "error", e.Message);
        }
        catch (JsonException e)
        {
            return Fell(none, "malformed", "its answer is not JSON of the contract: " + e.Message);
        }

        var byId = (answer?.Results ?? []).Where(r => r?.Id is not null).GroupBy(r => r!.Id!).ToDictionary(g => g.Key, g => g.First()!);
        var results = new ExternalSentimentResult?[queries.Count];
        var rejected = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            results[i] = byId.TryGetValue(Id(i), out var r) && r.Sentiment is { } score
                ? ExternalSentimentRules.TryAccept(queries[i].Text, score, r.Label, r.Spans?.Select(s => (s.Start, s.Length)))
                : null;
            rejected += results[i] is null ? 1 : 0;
        }

        if (rejected > 0)
        {
            Fallbacks.Add(rejected, new KeyValuePair<string, object?>("reason", "malformed"));
            LogFallback(log, rejected, "malformed", "its answer for them is missing or out of the contract's range");
        }

        return results;
    }

    private static string Id(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private ExternalSentimentResult?[] Fell(ExternalSentimentResult?[] none, string reason, string why)
    {
        Fallbacks.Add(none.Length, new KeyValuePair<string, object?>("reason", reason));
        LogFallback(log, none.Length, reason, why);
        return none;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The external sentiment model gave no usable answer for {Count} text(s) ({Reason}: {Why}); the built-in model's sentiment is kept.")]
    private static partial void LogFallback(ILogger logger, int count, string reason, string why);

    private sealed record ModelText(string Id, string Text, string Language);

    private sealed record ModelRequest(List<ModelText> Texts);

    private sealed record ModelSpan(int Start, int Length);

    private sealed record ModelResult(string? Id, double? Sentiment, string? Label, List<ModelSpan>? Spans);

    private sealed record ModelAnswer(List<ModelResult?>? Results);
}

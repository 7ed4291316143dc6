using Cx.Measurement.Metrics;
using Cx.Measurement.Responses;
using Google.Protobuf.WellKnownTypes;
using DomainKind = Cx.Measurement.Domain.Metrics.MetricKind;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement;

/// <summary>Between the contract's messages and the service's records, in one place.</summary>
internal static class ContractMapping
{
    public static V1.MetricDefinition ToContract(this MetricDefinitionRecord record)
    {
        var metric = new V1.MetricDefinition
        {
            MetricId = record.MetricId,
            Version = record.Version,
            Kind = record.Kind switch
            {
                DomainKind.Nps => V1.MetricKind.Nps,
                DomainKind.Csat => V1.MetricKind.Csat,
                DomainKind.Ces => V1.MetricKind.Ces,
                _ => V1.MetricKind.Rating,
            },
            Name = record.Name,
            ScaleMin = record.ScaleMin,
            ScaleMax = record.ScaleMax,
            HigherIsBetter = record.HigherIsBetter,
            CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.CreatedAtUtc, DateTimeKind.Utc)),
        };
        if (record.Target is { } target)
        {
            metric.Target = target;
        }

        return metric;
    }

    public static DomainKind? ToDomain(this V1.MetricKind kind) => kind switch
    {
        V1.MetricKind.Nps => DomainKind.Nps,
        V1.MetricKind.Csat => DomainKind.Csat,
        V1.MetricKind.Ces => DomainKind.Ces,
        V1.MetricKind.Rating => DomainKind.Rating,
        _ => null,
    };

    public static CommonV1.ResponseContext ToContract(this ResponseRecord response) => new()
    {
        Channel = response.Channel,
        JourneyId = response.JourneyId,
        JourneyStepId = response.JourneyStepId,
        Touchpoint = response.Touchpoint,
        Segment = response.Segment,
        Region = response.Region,
        EmployeeId = response.EmployeeId,
        TeamId = response.TeamId,
        CustomerId = response.CustomerId,
        OccurredAt = Timestamp.FromDateTime(DateTime.SpecifyKind(response.OccurredAtUtc, DateTimeKind.Utc)),
    };
}

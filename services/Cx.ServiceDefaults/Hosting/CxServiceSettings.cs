using System.Net;
using Microsoft.Extensions.Configuration;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// The settings every service reads from configuration (section "Cx"), with the defaults a
/// container needs. Environment variables use the usual form, e.g. <c>Cx__Ports__Grpc=8081</c>.
/// </summary>
public sealed record CxServiceSettings
{
    public const string SectionName = "Cx";

    /// <summary>"embedded", "redis" or "dapr": which adapters run.</summary>
    public string Backend { get; init; } = "embedded";

    /// <summary>Where an embedded-backend service keeps its files.</summary>
    public string DataDirectory { get; init; } = "data";

    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>HTTP/2-only port for gRPC; 0 picks a free port.</summary>
    public int GrpcPort { get; init; } = 8081;

    /// <summary>HTTP/1.1 port for probes, REST and Dapr routes; 0 picks a free port.</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>
    /// Largest gRPC message a service accepts (bytes). The largest batches the contracts allow
    /// (10,000 responses, every tag at its longest) must fit.
    /// </summary>
    public int MaxReceiveMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest gRPC message a service sends (bytes).</summary>
    public int MaxSendMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest REST request body (bytes): the same batches as JSON, which is larger than the binary form.</summary>
    public long MaxRequestBodyBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>How long in-flight calls may finish after a stop is asked for.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(25);

    public static CxServiceSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var defaults = new CxServiceSettings();
        var settings = new CxServiceSettings
        {
            Backend = section["Backend"] ?? defaults.Backend,
            DataDirectory = section["DataDirectory"] ?? defaults.DataDirectory,
            BindAddress = section["BindAddress"] ?? defaults.BindAddress,
            GrpcPort = section.GetValue("Ports:Grpc", defaults.GrpcPort),
            HttpPort = section.GetValue("Ports:Http", defaults.HttpPort),
            MaxReceiveMessageBytes = section.GetValue("Grpc:MaxReceiveMessageBytes", defaults.MaxReceiveMessageBytes),
            MaxSendMessageBytes = section.GetValue("Grpc:MaxSendMessageBytes", defaults.MaxSendMessageBytes),
            MaxRequestBodyBytes = section.GetValue("Http:MaxRequestBodyBytes", defaults.MaxRequestBodyBytes),
            ShutdownTimeout = TimeSpan.FromSeconds(section.GetValue("ShutdownTimeoutSeconds", defaults.ShutdownTimeout.TotalSeconds)),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Fails start-up with every wrong setting named, instead of a bind error later.</summary>
    private void Validate()
    {
        var problems = new List<string>();
        if (Backend is not ("embedded" or "redis" or "dapr"))
        {
            problems.Add($"Cx:Backend must be embedded, redis or dapr (was '{Backend}')");
        }

        if (!IPAddress.TryParse(BindAddress, out _))
        {
            problems.Add($"Cx:BindAddress must be an IP address (was '{BindAddress}')");
        }

        if (GrpcPort is < 0 or > 65535)
        {
            problems.Add($"Cx:Ports:Grpc must be 0-65535 (was {GrpcPort})");
        }

        if (HttpPort is < 0 or > 65535)
        {
            problems.Add($"Cx:Ports:Http must be 0-65535 (was {HttpPort})");
        }

        if (GrpcPort != 0 && GrpcPort == HttpPort)
        {
            problems.Add("Cx:Ports:Grpc and Cx:Ports:Http must differ");
        }

        if (MaxReceiveMessageBytes <= 0 || MaxSendMessageBytes <= 0 || MaxRequestBodyBytes <= 0)
        {
            problems.Add("message and body size limits must be positive");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add("Cx:ShutdownTimeoutSeconds must not be negative");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration: " + string.Join("; ", problems) + ".");
        }
    }
}

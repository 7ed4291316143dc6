using System.Text;
using Cx.Eventing.Dapr;
using Cx.Host.Launch;
using Cx.ServiceDefaults.Hosting;

namespace Cx.Host.Catalog;

/// <summary>
/// A file the catalog writes, as a path relative to the repository root (with /). With
/// <see cref="Region"/> set, only the lines between that region's two marker lines are the catalog's;
/// the rest of the file is written by hand.
/// </summary>
internal sealed record GeneratedFile(string Path, string Content)
{
    public string? Region { get; init; }
}

/// <summary>
/// The files the service catalog determines, generated from it and from what each module declares
/// (<see cref="ServiceTraits"/>): the topology files, the local Dapr component, one Dockerfile per
/// service, and the chart's per-service values and event scopes.
/// </summary>
internal static class CatalogFiles
{
    public const string TyeYaml = "tye.yaml";
    public const string DaprYaml = "dapr.yaml";
    public const string DaprPubSub = "deploy/dapr/resources/pubsub.yaml";
    public const string ImagesDirectory = "deploy/images";
    public const string SharedDockerfile = "cx.Dockerfile";
    public const string ChartValues = "charts/cx-platform/values.yaml";
    public const string ChartEvents = "charts/cx-platform/files/events.yaml";
    public const string ValuesRegion = "services";

    private const string Loopback = "127.0.0.1";
    private const string RedisAddress = "127.0.0.1:6379";
    private const string PostgreSql = "Host=127.0.0.1;Port=5432;Database=cx;Username=cx";
    private const string OtlpEndpoint = "http://127.0.0.1:4318";
    private const string Generated = "Written by `cx catalog write` from services/Cx.Host/Launch/ServiceCatalog.cs: change the\n# catalog and run it again; `cx catalog check` and the tests fail on a hand edit.";

    public static string DockerfileOf(ServiceSlot slot) => $"{ImagesDirectory}/{slot.Name}.Dockerfile";

    /// <summary>Every generated file, for the catalog as it is in this build.</summary>
    public static IReadOnlyList<GeneratedFile> All() => For(ServiceCatalog.All);

    public static IReadOnlyList<GeneratedFile> For(IReadOnlyList<ServiceSlot> catalog)
    {
        var services = catalog.Select(s => new Entry(s, ServiceTraits.Of(s), ServiceCatalog.PortsFor(s, ServiceCatalog.DefaultBasePort))).ToArray();
        return
        [
            new(TyeYaml, Tye(services)),
            new(DaprYaml, Dapr(services)),
            new(DaprPubSub, PubSub(services)),
            .. services.Select(s => new GeneratedFile(DockerfileOf(s.Slot), Dockerfile(s.Slot))),
            new(ChartValues, ChartServices(services)) { Region = ValuesRegion },
            new(ChartEvents, Events(services)),
        ];
    }

    private sealed record Entry(ServiceSlot Slot, ServiceTraits Traits, (int Grpc, int Http) Ports)
    {
        public string Name => Slot.Name;
    }

    /// <summary>
    /// The addresses a service is told in a local run, as environment variables: its peers' gRPC
    /// ports, and every other service's two ports when it needs them all.
    /// </summary>
    private static IEnumerable<(string Name, string Value, string? Why)> Addresses(Entry service, IReadOnlyList<Entry> all)
    {
        foreach (var peer in service.Traits.Peers)
        {
            var target = all.Single(s => s.Name == peer.Service);
            yield return (EnvironmentName(peer.AddressKey), $"http://{Loopback}:{target.Ports.Grpc}", $"It calls {peer.Service} (gRPC).");
        }

        if (service.Slot.ToldEveryServiceUnder is { } section)
        {
            var first = true;
            foreach (var other in all.Where(o => o.Name != service.Name))
            {
                var why = first ? "Both ports of every other service: gRPC on the HTTP/2 one, REST on the HTTP/1.1 one." : null;
                yield return (EnvironmentName($"{section}:{other.Name}:Grpc"), $"http://{Loopback}:{other.Ports.Grpc}", why);
                yield return (EnvironmentName($"{section}:{other.Name}:Http"), $"http://{Loopback}:{other.Ports.Http}", null);
                first = false;
            }
        }
    }

    /// <summary>Where a local run's services find their identity keys (made by `cx run`), and whose tokens each believes.</summary>
    private static IEnumerable<(string Name, string Value, string? Why)> Identity(Entry service, IReadOnlyList<Entry> all, bool explained)
    {
        yield return ("Cx__Identity__KeyDirectory", $"data/{IdentityTrust.DirectoryName}", explained ? null
            : "Calls carry a token signed by the gateway or a peer; the keys are made there on the first run.");
        yield return ("Cx__Identity__TrustedIssuers", TrustedIssuers(service, all), null);
    }

    private static string TrustedIssuers(Entry service, IReadOnlyList<Entry> all) =>
        IdentityTrust.TrustedIssuers(service.Name, all.Select(e => (e.Name, e.Traits.Peers)));

    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Each service's two ports, as comment lines of at most 100 characters.</summary>
    private static string PortPlan(IReadOnlyList<Entry> services)
    {
        var lines = new List<string>();
        var line = "#  ";
        foreach (var part in services.Select(s => $" {s.Name} {s.Ports.Grpc}/{s.Ports.Http}"))
        {
            if (line.Length + part.Length > 99 && line.Length > 3)
            {
                lines.Add(line + ",");
                line = "#  ";
            }

            line += line.Length > 3 ? "," + part : part;
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }

    private static string Tye(IReadOnlyList<Entry> services)
    {
        var text = new StringBuilder();
        text.Append($"""
            # The platform as separate processes, in tye's format: each service of the catalog is its own
            # process (`cx serve <service>`, as in a container) on the redis backend: events over Redis
            # Streams, each service's data in PostgreSQL (a schema per service).
            # {Generated}
            #
            # tye is archived, so `./cx run --from tye.yaml` starts these entries itself: each entry's command,
            # arguments and environment, its output prefixed with its name, all stopped on Ctrl-C. The topology
            # tests start the same entries, so this file is what runs.
            #
            # How `./cx up` relates: it runs the same services in ONE process on the embedded backend, on the
            # same port plan (base {ServiceCatalog.DefaultBasePort} + 10 x slot; gRPC/HTTP):
            {PortPlan(services)}
            # The two therefore cannot run at once on the same ports; `cx run --port-offset 1000` moves this
            # topology aside.
            #
            # Needs: redis-server on PATH (started from the entry below; `--skip redis` to use your own on
            # 6379) and a PostgreSQL on 127.0.0.1:5432 with a role and database "cx" it trusts locally, e.g.
            #   sudo -u postgres createuser cx && sudo -u postgres createdb -O cx cx
            # Telemetry goes to an OTLP/HTTP collector on 4318 (the Aspire dashboard, Jaeger, an OTel
            # collector); with none listening, spans are dropped. Create an API key for the gateway with
            #   Cx__Backend=redis ConnectionStrings__gateway='{PostgreSql}' \
            #     ./cx keys create --tenant acme --name local --permission '*:admin'
            name: cx-platform
            services:
              # Every write goes to an append-only file synced each second, in data/redis: a Redis that
              # is killed and restarts keeps the events it accepted. The relays republish what a Redis
              # restarted without its data lost (docs/events.md says how far that reaches).
              - name: redis
                executable: redis-server
                workingDirectory: data/redis
                args: --port 6379 --bind 127.0.0.1 --save "" --appendonly yes --appendfsync everysec
                bindings:
                  - name: redis
                    port: 6379
                    protocol: tcp

            """);
        var migrationExplained = false;
        var identityExplained = false;
        foreach (var service in services)
        {
            text.Append($"""

                  - name: {service.Slot.ProcessName}
                    project: services/Cx.Host/Cx.Host.csproj
                    args: serve {service.Name}
                    bindings:
                      - {"{"}name: grpc, port: {service.Ports.Grpc}, protocol: http{"}"}
                      - {"{"}name: http, port: {service.Ports.Http}, protocol: http{"}"}
                    readiness:
                      http: {"{"}path: /health/ready, port: {service.Ports.Http}{"}"}
                    env:

                """);
            var env = new List<(string Name, string Value, string? Why)>
            {
                ("Cx__Backend", "redis", null),
                ("Cx__BindAddress", Loopback, null),
                ("Cx__Ports__Grpc", Yaml.Number(service.Ports.Grpc), null),
                ("Cx__Ports__Http", Yaml.Number(service.Ports.Http), null),
            };
            if (service.Traits.Database)
            {
                env.Add(($"ConnectionStrings__{service.Name}", PostgreSql, null));
                env.Add(("Cx__Database__MigrateOnStartup", "true", migrationExplained ? null
                    : "One process per service here, so each migrates its own schema at start; a cluster runs\n`cx db migrate --service <name>` once instead."));
                migrationExplained = true;
            }

            if (service.Traits.Events)
            {
                env.Add(("Cx__Eventing__Redis__Configuration", RedisAddress, null));
            }

            env.AddRange(Addresses(service, services));
            env.AddRange(Identity(service, services, identityExplained));
            identityExplained = true;
            env.AddRange(service.Slot.LocalSettings.Select(s => (s.Name, s.Value, s.Why)));
            env.Add(("OTEL_EXPORTER_OTLP_ENDPOINT", OtlpEndpoint, null));
            env.Add(("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", null));
            foreach (var (name, value, why) in env)
            {
                Comment(text, "      ", why);
                text.Append($"      - {"{"}name: {name}, value: {Yaml.Scalar(value)}{"}"}\n");
            }
        }

        return text.ToString();
    }

    private static string Dapr(IReadOnlyList<Entry> services)
    {
        var text = new StringBuilder();
        text.Append($"""
            # The platform as separate processes on the dapr backend: Dapr's multi-app run
            # (`dapr run -f dapr.yaml`, with the Dapr CLI after `dapr init`), one sidecar beside each service.
            # The same topology as tye.yaml (which `cx run` starts on the redis backend), the same ports.
            # {Generated}
            #
            # Build first (`dotnet build services/Cx.Host`): each app runs that build's `cx serve <service>`,
            # because several `dotnet run` of one project would build it several times at once.
            # Events go through Dapr pub/sub (`{new DaprEventingOptions().PubSubName}`, Redis from `dapr init`, in deploy/dapr/resources);
            # service data is PostgreSQL on 127.0.0.1:5432, role and database "cx" (see tye.yaml).
            # Each service finds its sidecar through the DAPR_HTTP_PORT that `dapr run` gives it.
            # Export APP_API_TOKEN first (e.g. `export APP_API_TOKEN=$(openssl rand -base64 32)`): every
            # sidecar sends it to its app and every service refuses to start without it.
            version: 1
            common:
              resourcesPath: ./deploy/dapr/resources
              configFilePath: ./deploy/dapr/config.yaml
              env:
                Cx__Backend: dapr
                Cx__BindAddress: {Loopback}
                Cx__Database__MigrateOnStartup: "true"
                # The identity keys calls are signed with, as `./cx up` or `./cx run` make them in data/.
                Cx__Identity__KeyDirectory: ../../data/{IdentityTrust.DirectoryName}
                OTEL_EXPORTER_OTLP_ENDPOINT: {Yaml.Scalar(OtlpEndpoint)}
                OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf
            apps:
            """);
        text.Append('\n');
        var first = true;
        var appPortExplained = false;
        foreach (var service in services)
        {
            if (!first)
            {
                text.Append('\n');
            }

            text.Append($"  - appID: {service.Slot.ProcessName}\n");
            text.Append("    appDirPath: ./services/Cx.Host\n");
            if (service.Traits.Events)
            {
                Comment(text, "    ", appPortExplained ? null : "Dapr reaches a service that uses events on its app port (the next after its HTTP port, on\nloopback), where alone the subscription routes answer; gRPC and REST callers use the other two.\nA service without events has no app port: its sidecar never calls it.");
                text.Append($"    appPort: {DaprAppPort(service)}\n    appProtocol: http\n");
                appPortExplained = true;
            }

            text.Append($"""
                    command: ["dotnet", "bin/Debug/net10.0/cx.dll", "serve", "{service.Name}"]
                    env:
                      Cx__Ports__Grpc: "{service.Ports.Grpc}"
                      Cx__Ports__Http: "{service.Ports.Http}"

                """);
            if (service.Traits.Events)
            {
                text.Append($"      Cx__Eventing__Dapr__AppPort: \"{DaprAppPort(service)}\"\n");
            }

            if (service.Traits.Database)
            {
                text.Append($"      ConnectionStrings__{service.Name}: {Yaml.Scalar(PostgreSql)}\n");
            }

            text.Append($"      Cx__Identity__TrustedIssuers: {Yaml.Scalar(TrustedIssuers(service, services))}\n");
            foreach (var (name, value, why) in Addresses(service, services).Concat(service.Slot.LocalSettings.Select(s => (s.Name, s.Value, s.Why))))
            {
                Comment(text, "      ", why);
                text.Append($"      {name}: {Yaml.Scalar(value)}\n");
            }

            first = false;
        }

        return text.ToString();
    }

    /// <summary>A service's Dapr app port in a local run: the one after its HTTP port, inside its slot's ten.</summary>
    private static int DaprAppPort(Entry service) => service.Ports.Http + 1;

    /// <summary>
    /// The local pub/sub component, open to the apps that use events and, for each, to the topics
    /// it publishes and subscribes to: the same scopes as the chart's component.
    /// </summary>
    private static string PubSub(IReadOnlyList<Entry> services)
    {
        var dapr = new DaprEventingOptions();
        var users = services.Where(s => s.Traits.Events).ToArray();
        var text = new StringBuilder();
        text.Append($"""
            # The pub/sub every service publishes and subscribes through (Cx:Eventing:Dapr:PubSubName).
            # Local runs use the Redis that `dapr init` starts; the Helm chart ships its own component.
            # {Generated}
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {dapr.PubSubName}
            spec:
              type: pubsub.redis
              version: v1
              metadata:
                - name: redisHost
                  value: localhost:6379
                - name: redisPassword
                  value: ""
                # The broker's lock on a delivery must outlast the sidecar's retries (resiliency.yaml), or
                # Redis hands the message to another consumer while the first still retries it.
                - name: processingTimeout
                  value: "180s"
                - name: redeliverInterval
                  value: "30s"
                # Each app publishes only its own discipline's events (and, if it subscribes, the dead
                # letters Dapr publishes for it to its own dead-letter topic), and subscribes only to what
                # its module handles (and to its own dead letters, which it keeps where they can be replayed).
                - name: publishingScopes
                  value: {Yaml.Quoted(TopicScopes(users, s => s.Traits.Publishes.Concat(DeadLetters(s, dapr))))}
                - name: subscriptionScopes
                  value: {Yaml.Quoted(TopicScopes(users, s => s.Traits.Subscribes.Concat(DeadLetters(s, dapr))))}
            # The apps that use events; the others' sidecars do not load the component.
            scopes:

            """);
        foreach (var service in users)
        {
            text.Append($"  - {service.Slot.ProcessName}\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> DeadLetters(Entry service, DaprEventingOptions dapr) =>
        service.Traits.Subscribes.Count > 0 ? [dapr.DeadLetterTopicOf(service.Name)] : [];

    private static string TopicScopes(IEnumerable<Entry> services, Func<Entry, IEnumerable<string>> topics) =>
        string.Join(';', services.Select(s => $"{s.Slot.ProcessName}={string.Join(',', topics(s))}"));

    private static string Dockerfile(ServiceSlot slot)
    {
        var defaults = new CxServiceSettings();
        return $"""
            # {slot.ProcessName}: {slot.Summary} alone, as `cx serve {slot.Name}`.
            # scripts/build-images builds it on the cx image of the same tag ({SharedDockerfile}).
            # {Generated}
            ARG CX_IMAGE
            FROM ${"{"}CX_IMAGE{"}"}
            USER $APP_UID
            EXPOSE {defaults.HttpPort} {defaults.GrpcPort}
            ENTRYPOINT ["dotnet", "/app/cx.dll", "serve", "{slot.Name}"]

            """;
    }

    /// <summary>
    /// The chart's <c>services:</c> section. The first entry explains each key; the others set the same
    /// keys. The Dapr app port is the services' default (<see cref="DaprEventingOptions.AppPort"/>),
    /// a port of its own: the chart refuses the HTTP or gRPC port.
    /// </summary>
    private static string ChartServices(IReadOnlyList<Entry> services)
    {
        var text = new StringBuilder("services:\n");
        var explain = true;
        foreach (var service in services)
        {
            var sizing = service.Slot.Sizing;
            void Key(int depth, string line, string? why = null)
            {
                var indent = new string(' ', 2 * depth);
                if (explain)
                {
                    Comment(text, indent, why);
                }

                text.Append(indent).Append(line).Append('\n');
            }

            if (!explain)
            {
                text.Append('\n');
            }

            Key(1, $"{service.Name}:");
            Key(2, "enabled: true", "Deploy this service.");
            Key(2, "replicas: 2", "Pods, when autoscaling is off.");
            Key(2, "image:");
            Key(3, "repository: \"\"", $"The whole image name; empty means <global.image.registry>/{service.Slot.ProcessName}.");
            Key(3, "tag: \"\"", "Empty means global.image.tag.");
            Key(2, "resources:", "Requests and limits of the service container (the Dapr sidecar's are set under dapr.sidecar).");
            Key(3, "requests:");
            Key(4, $"cpu: {Yaml.Scalar(sizing.CpuRequest)}");
            Key(4, $"memory: {Yaml.Scalar(sizing.MemoryRequest)}");
            Key(3, "limits:");
            Key(4, $"cpu: {Yaml.Scalar(sizing.CpuLimit)}");
            Key(4, $"memory: {Yaml.Scalar(sizing.MemoryLimit)}");
            Key(2, "env: {}", "Further settings as environment variables (strings), e.g. Cx__Grpc__MaxReceiveMessageBytes:\n\"8388608\"; for the gateway, the portals allowed by CORS:\n  Cx__Gateway__Cors__Origins__0: https://portal.example.com\n  Cx__Gateway__Cors__Headers__0: x-portal-request-id");
            Key(2, "secretEnv: {}", "Secret settings, kept in a Secret the chart makes (keys are variable names). Prefer envFromSecret.");
            Key(2, "envFromSecret: \"\"", "The name of an existing Secret whose keys are variable names, loaded whole (envFrom): for\nthe gateway, its JWT settings (Cx__Gateway__Jwt__Issuer, __Audience, __SigningKeys__0).");
            Key(2, $"database: {(service.Traits.Database ? "true" : "false")}", "Whether the service keeps a PostgreSQL database (ConnectionStrings__<service>, migrations),\nas its module declares.");
            if (service.Traits.Peers.Count == 0)
            {
                Key(2, "peers: []", "Services this one calls directly over gRPC, as its module declares them; each becomes\nCx__Peers__<Name> (e.g. Cx__Peers__Measurement).");
            }
            else
            {
                Key(2, "peers:", "Services this one calls directly over gRPC, as its module declares them; each becomes\nCx__Peers__<Name> (e.g. Cx__Peers__Measurement).");
                foreach (var peer in service.Traits.Peers)
                {
                    text.Append($"      - {peer.Service}\n");
                }
            }

            Key(2, "service:", "The Kubernetes Service in front of the pods.");
            Key(3, $"headless: {(service.Slot.BehindIngress ? "false" : "true")}", "Headless (no cluster IP): DNS answers every ready pod's address, so gRPC callers can\nbalance per pod instead of keeping one connection to one pod behind a virtual IP. The\nservice behind the ingress (the gateway) keeps a cluster IP, which suits every controller.");
            Key(2, "autoscaling:");
            Key(3, "minReplicas: 2", "Bounds and CPU target of the HorizontalPodAutoscaler (when autoscaling.enabled is on).");
            Key(3, $"maxReplicas: {sizing.MaxReplicas}");
            Key(3, $"targetCPUUtilizationPercentage: {sizing.TargetCpuPercent}");
            Key(2, "dapr:");
            Key(3, $"appId: {service.Slot.ProcessName}", "The Dapr app id (dapr.io/app-id); the pub/sub component is scoped to these ids.");
            Key(3, $"appPort: {new DaprEventingOptions().AppPort}", "The port Dapr calls the app on (Cx:Eventing:Dapr:AppPort), on loopback only: the subscription\nroutes answer there and on no other port, to calls carrying the app API token.");
            Key(3, "appProtocol: http", "Only http: Dapr asks for subscriptions (GET /dapr/subscribe) over HTTP alone.");
            Key(3, "config: \"\"", "A Dapr Configuration to use instead of the chart's (dapr.configuration). Empty: the chart's.");
            Key(3, "maxConcurrency: 32", "The most calls Dapr makes to the app at once (deliveries); -1 is no limit.");
            explain = false;
        }

        return text.ToString();
    }

    private static string Events(IReadOnlyList<Entry> services)
    {
        var text = new StringBuilder($"""
            # The event types (Dapr topics) each service publishes and subscribes to, as the code declares
            # them: a service publishes the events of its own discipline (cx.<service>.*), and subscribes to
            # what its module lists. The pub/sub Component's scopes, publishingScopes and subscriptionScopes
            # come from here (dapr.pubsub.topicScopes), and a subscriber may also publish and subscribe to
            # its own dead-letter topic (<deadLetterTopic>.<service>). A service missing from this file
            # does not use pub/sub.
            # {Generated}

            """);
        foreach (var service in services.Where(s => s.Traits.Events))
        {
            text.Append($"{service.Name}:\n");
            List(text, "publishes", service.Traits.Publishes);
            List(text, "subscribes", service.Traits.Subscribes);
        }

        return text.ToString();
    }

    private static void List(StringBuilder text, string key, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            text.Append($"  {key}: []\n");
            return;
        }

        text.Append($"  {key}:\n");
        foreach (var item in items)
        {
            text.Append($"    - {item}\n");
        }
    }

    private static void Comment(StringBuilder text, string indent, string? why)
    {
        foreach (var line in why?.Split('\n') ?? [])
        {
            text.Append(indent).Append("# ").Append(line).Append('\n');
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cx.Api.V1;
using Cx.Gateway.Routing;
using Cx.Gateway.Webhooks;
using Google.Protobuf.Reflection;

namespace Cx.Gateway.OpenApi;

/// <summary>
/// The gateway's OpenAPI 3.1 document, read from the contract: one operation per rpc with a
/// google.api.http rule, shaped as ASP.NET Core's JSON transcoding binds it (path, query, body),
/// with the permission the gateway demands for it. Nothing here is written by hand per service.
/// </summary>
internal static class OpenApiDocument
{
    private const string Json = "application/json";

    // The order OpenAPI lists methods in, so a path's operations read the same way every time.
    private static readonly string[] MethodOrder = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    // One line ending everywhere, so a snapshot taken on one OS compares equal on another.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NewLine = "\n" };

    /// <summary>The document as indented JSON; the same files give the same text.</summary>
    public static string Generate(IReadOnlyList<FileDescriptor> files, string version, IReadOnlyList<WebhookEventType>? webhooks = null) =>
        Build(files, version, webhooks ?? []).ToJsonString(Indented);

    public static JsonObject Build(IReadOnlyList<FileDescriptor> files, string version, IReadOnlyList<WebhookEventType> webhooks)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);

        var schemas = new ProtoSchemas();
        var paths = new SortedDictionary<string, SortedDictionary<int, (string Method, JsonObject Operation)>>(StringComparer.Ordinal);
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        var tags = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var discipline = ContractRoutes.DisciplineOf(file.Package);
            if (discipline is null)
            {
                continue;
            }

            foreach (var method in file.Services.SelectMany(service => service.Methods))
            {
                var binding = HttpBinding.Of(method);
                if (binding is null)
                {
                    continue;
                }

                var operation = Operation(method, binding, discipline, schemas);
                if (!operationIds.Add(operation["operationId"]!.GetValue<string>()))
                {
                    throw new InvalidOperationException($"Two rpcs give the operation id {operation["operationId"]}; OpenAPI needs them unique.");
                }

                var operations = paths.TryGetValue(binding.Path, out var existing) ? existing : paths[binding.Path] = [];
                if (!operations.TryAdd(Array.IndexOf(MethodOrder, binding.Method), (binding.Method, operation)))
                {
                    throw new InvalidOperationException($"{method.FullName} and another rpc both bind {binding.Method.ToUpperInvariant()} {binding.Path}.");
                }

                tags.Add(discipline);
            }
        }

        var pathItems = new JsonObject();
        foreach (var (path, operations) in paths)
        {
            var item = new JsonObject();
            foreach (var (method, operation) in operations.Values)
            {
                item[method] = operation;
            }

            pathItems[path] = item;
        }

        var webhookItems = new JsonObject();
        foreach (var webhook in webhooks.OrderBy(w => w.Type, StringComparer.Ordinal))
        {
            webhookItems[webhook.Type] = new JsonObject { ["post"] = Webhook(webhook, schemas) };
        }

        if (webhooks.Count > 0)
        {
            tags.Add("webhooks");
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "CX OS API", ["version"] = version },
            ["tags"] = new JsonArray(tags.Select(tag => (JsonNode)new JsonObject { ["name"] = tag }).ToArray()),
            ["paths"] = pathItems,
            ["webhooks"] = webhookItems,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components(),
                ["securitySchemes"] = SecuritySchemes(),
            },
            // Either credential will do: the requirements are alternatives.
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    /// <summary>What the gateway POSTs for one event type: the signed headers and the body, with its example.</summary>
    private static JsonObject Webhook(WebhookEventType webhook, ProtoSchemas schemas)
    {
        var header = (string name, string description) => (JsonNode)new JsonObject
        {
            ["name"] = name,
            ["in"] = "header",
            ["required"] = true,
            ["description"] = description,
            ["schema"] = new JsonObject { ["type"] = "string" },
        };
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray("webhooks"),
            ["summary"] = webhook.Description.Length > 0 ? ProtoComments.FirstSentence(webhook.Description) : webhook.Type,
            ["operationId"] = "webhook_" + webhook.Type.Replace('.', '_'),
            ["parameters"] = new JsonArray(
                header("webhook-id", "The event's id: the same on every attempt, so a receiver can drop repeats."),
                header("webhook-timestamp", "When this attempt was signed, in Unix seconds; refuse old ones to stop replays."),
                header("webhook-signature", "\"v1,\" + base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<body>\", keyed with the base64 key after \"whsec_\" in the subscription's secret.")),
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject
                {
                    [Json] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("type", "timestamp", "data"),
                            ["properties"] = new JsonObject
                            {
                                ["type"] = new JsonObject { ["const"] = webhook.Type },
                                ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = "When the event happened." },
                                ["data"] = schemas.Message(webhook.Message),
                            },
                        },
                        ["example"] = JsonNode.Parse(WebhookEventTypes.Body(webhook.Type, WebhookEventTypes.ExampleTime, webhook.ExampleData)),
                    },
                },
            },
            ["responses"] = new JsonObject
            {
                ["2XX"] = new JsonObject { ["description"] = "Received. Any other answer, or none within the timeout, is retried with backoff." },
            },
        };
        if (webhook.Description.Length > 0)
        {
            operation["description"] = webhook.Description;
        }

        return operation;
    }

    private static JsonObject Operation(MethodDescriptor method, HttpBinding binding, string discipline, ProtoSchemas schemas)
    {
        var access = method.GetOptions()?.GetExtension(AccessExtensions.Access) ?? Access.Unspecified;
        if (access == Access.Unspecified)
        {
            throw new InvalidOperationException($"{method.FullName} declares no (cx.api.v1.access): its permission cannot be documented.");
        }

        var comment = ProtoComments.Of(method);
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(discipline),
            ["summary"] = comment is null ? method.Name : ProtoComments.FirstSentence(comment),
        };
        if (comment is not null)
        {
            operation["description"] = comment;
        }

        operation["operationId"] = method.Service.Name + "_" + method.Name;

        var parameters = new JsonArray();
        foreach (var variable in binding.Variables)
        {
            parameters.Add(Parameter(variable.Name, "path", schemas.Value(variable.Field), variable.Field, required: true));
        }

        foreach (var query in binding.QueryParameters(method.InputType))
        {
            parameters.Add(Parameter(query.Name, "query", schemas.QueryValue(query.Field), query.Field, required: false));
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        var body = RequestBody(method, binding, schemas);
        if (body is not null)
        {
            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Content(body) };
        }

        var result = binding.ResponseBodyField is { } responseField ? schemas.Field(responseField) : schemas.Message(method.OutputType);
        operation["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                // Transcoding writes a server stream as line-delimited JSON, not as one array.
                ["description"] = method.IsServerStreaming
                    ? "A stream of messages, written as line-delimited JSON: one message of this schema per line."
                    : "OK",
                ["content"] = method.IsServerStreaming ? Content(result, "application/x-ndjson") : Content(result),
            },
            ["default"] = new JsonObject
            {
                ["description"] = "The call failed: the gRPC status, with its code mapped to an HTTP status.",
                ["content"] = Content(new JsonObject { ["$ref"] = ProtoSchemas.RefTo(ProtoSchemas.StatusSchemaName) }),
            },
        };

        if (method.IsServerStreaming)
        {
            operation["x-cx-server-streaming"] = true;
        }

        if (method.GetOptions()?.Deprecated == true)
        {
            operation["deprecated"] = true;
        }

        operation["x-cx-permission"] = Permissions.Of(discipline, access);
        return operation;
    }

    private static JsonObject? RequestBody(MethodDescriptor method, HttpBinding binding, ProtoSchemas schemas)
    {
        if (binding.BodyField is { } field)
        {
            return schemas.Field(field);
        }

        if (!binding.IsWholeRequestBody)
        {
            return null;
        }

        // The path already carries its top-level fields; the body is everything else.
        var inPath = binding.Variables.Where(v => v.Fields.Count == 1).Select(v => v.Field).ToHashSet();
        return inPath.Count == 0
            ? schemas.Message(method.InputType)
            : schemas.InlineMessage(method.InputType, field => !inPath.Contains(field));
    }

    private static JsonObject Parameter(string name, string location, JsonObject schema, FieldDescriptor field, bool required)
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = location };
        var description = ProtoComments.Of(field);
        if (description is not null)
        {
            parameter["description"] = description;
        }

        parameter["required"] = required;
        parameter["schema"] = schema;
        return parameter;
    }

    private static JsonObject Content(JsonObject schema, string mediaType = Json) => new() { [mediaType] = new JsonObject { ["schema"] = schema } };

    private static JsonObject SecuritySchemes() => new()
    {
        ["apiKey"] = new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "header",
            ["name"] = "x-api-key",
            ["description"] = "An API key, cxk_<key_id>_<secret>.",
        },
        ["bearer"] = new JsonObject
        {
            ["type"] = "http",
            ["scheme"] = "bearer",
            ["description"] = "An API key (cxk_...) or a JWT.",
        },
    };
}

using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Cx.Gateway.OpenApi;

/// <summary>
/// How one rpc is reached over REST, read from its google.api.http rule the way ASP.NET Core's
/// JSON transcoding reads it: the path variables name request fields, <c>body</c> is "*" (the whole
/// request), a field of the request, or empty (the rest goes in the query string).
/// </summary>
internal sealed partial class HttpBinding
{
    private static readonly string[] OpenApiMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private HttpBinding(string method, string path, IReadOnlyList<PathVariable> variables, string body, FieldDescriptor? bodyField, FieldDescriptor? responseBodyField)
    {
        Method = method;
        Path = path;
        Variables = variables;
        IsWholeRequestBody = body == "*";
        BodyField = bodyField;
        ResponseBodyField = responseBodyField;
    }

    /// <summary>The HTTP method in lower case, as OpenAPI keys operations.</summary>
    public string Method { get; }

    /// <summary>The path as an OpenAPI template: <c>{metric.metric_id}</c>, a variable's pattern dropped.</summary>
    public string Path { get; }

    public IReadOnlyList<PathVariable> Variables { get; }

    public bool IsWholeRequestBody { get; }

    public FieldDescriptor? BodyField { get; }

    public FieldDescriptor? ResponseBodyField { get; }

    public bool HasBody => IsWholeRequestBody || BodyField is not null;

    /// <summary>The method's REST binding, or null when it has none (or streams requests, which transcoding cannot carry).</summary>
    public static HttpBinding? Of(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null || method.IsClientStreaming)
        {
            return null;
        }

        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("get", rule.Get),
            HttpRule.PatternOneofCase.Put => ("put", rule.Put),
            HttpRule.PatternOneofCase.Post => ("post", rule.Post),
            HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
            HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
            _ => (null, null),
        };
        if (verb is null || template is null)
        {
            return null;
        }

        if (!OpenApiMethods.Contains(verb))
        {
            throw new InvalidOperationException($"{method.FullName} uses the HTTP method '{verb}', which OpenAPI cannot describe.");
        }

        var variables = new List<PathVariable>();
        var path = VariablePattern().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            variables.Add(new PathVariable(name, ResolvePath(method, name)));
            return "{" + name + "}";
        });

        return new HttpBinding(
            verb,
            path,
            variables,
            rule.Body,
            rule.Body is "" or "*" ? null : RequiredField(method.InputType, rule.Body, method, "body"),
            rule.ResponseBody.Length == 0 ? null : RequiredField(method.OutputType, rule.ResponseBody, method, "response_body"));
    }

    /// <summary>
    /// Fields sent in the query string: every field not in the path or the body, scalars (and
    /// lists of them) by their JSON name, the fields of a nested message as <c>outer.inner</c>.
    /// </summary>
    public IReadOnlyList<QueryParameter> QueryParameters(MessageDescriptor request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsWholeRequestBody)
        {
            return [];
        }

        var bound = new HashSet<FieldDescriptor>(Variables.Select(v => v.Field));
        if (BodyField is not null)
        {
            bound.Add(BodyField);
        }

        var parameters = new List<QueryParameter>();
        Visit(request, string.Empty, [request.FullName]);
        return parameters;

        void Visit(MessageDescriptor message, string prefix, HashSet<string> enclosing)
        {
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                if (bound.Contains(field) || field.IsMap)
                {
                    continue;
                }

                var name = prefix + field.JsonName;
                if (field.FieldType is not (FieldType.Message or FieldType.Group) || ProtoSchemas.IsQueryValue(field.MessageType))
                {
                    parameters.Add(new QueryParameter(name, field));
                }
                else if (!field.IsRepeated && enclosing.Add(field.MessageType.FullName))
                {
                    // A message that contains itself would otherwise give endless names.
                    Visit(field.MessageType, name + ".", enclosing);
                    enclosing.Remove(field.MessageType.FullName);
                }
            }
        }
    }

    private static List<FieldDescriptor> ResolvePath(MethodDescriptor method, string fieldPath)
    {
        var fields = new List<FieldDescriptor>();
        MessageDescriptor? message = method.InputType;
        foreach (var name in fieldPath.Split('.'))
        {
            var field = message?.FindFieldByName(name)
                ?? throw new InvalidOperationException($"The path of {method.FullName} names '{fieldPath}', which is not a field of {method.InputType.FullName}.");
            fields.Add(field);
            message = field.FieldType == FieldType.Message ? field.MessageType : null;
        }

        return fields;
    }

    private static FieldDescriptor RequiredField(MessageDescriptor message, string name, MethodDescriptor method, string option) =>
        message.FindFieldByName(name)
        ?? throw new InvalidOperationException($"The {option} of {method.FullName} names '{name}', which is not a field of {message.FullName}.");

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_.]+)(?:=[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();
}

/// <summary>A path variable: its name in the template (the field path) and the fields it walks.</summary>
internal sealed record PathVariable(string Name, IReadOnlyList<FieldDescriptor> Fields)
{
    /// <summary>The field the value lands in.</summary>
    public FieldDescriptor Field => Fields[^1];
}

internal sealed record QueryParameter(string Name, FieldDescriptor Field);

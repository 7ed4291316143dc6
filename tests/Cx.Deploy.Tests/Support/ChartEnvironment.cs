using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// The environment the chart gives a service, worked out from the chart's own helpers with the
/// default values: cx.service.config (the ConfigMap) is evaluated by a small interpreter of the
/// template constructs it uses, and cx.service.env (the variables from the downward API and the
/// database Secret) is read for its names. A construct the interpreter does not know fails the
/// tests, so the helper cannot drift from what is checked here.
/// </summary>
internal sealed partial class ChartEnvironment
{
    private readonly Chart _chart;
    private readonly Dictionary<string, object?> _root;

    public ChartEnvironment(Chart chart)
    {
        _chart = chart;
        _root = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = ToObject(chart.Values),
            ["Release"] = new Dictionary<string, object?> { ["Name"] = Chart.ReleaseName },
        };
    }

    /// <summary>The service's ConfigMap: variable name to value.</summary>
    public IReadOnlyDictionary<string, string> ConfigMap(string service)
    {
        var services = (Dictionary<string, object?>)((Dictionary<string, object?>)_root["Values"]!)["services"]!;
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["."] = new Dictionary<string, object?> { ["root"] = _root, ["name"] = service, ["svc"] = services[service] },
        };
        var helper = GoTemplate.Parse("cx.service.config", _chart.Helper("cx.service.config"));
        Run(helper, Items(helper, 0, helper.Text.Length), scope);
        return ((Dictionary<string, object?>)scope["$env"]!).ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>The names of the variables cx.service.env adds for a service (downward API, connection string).</summary>
    public IReadOnlyList<string> ContainerVariables(string service)
    {
        var body = _chart.Helper("cx.service.env");
        var names = NameLine().Matches(body).Select(m => m.Groups[1].Value).ToList();
        var database = ConnectionStringLine().Match(body);
        if (!database.Success)
        {
            throw new InvalidDataException("cx.service.env no longer names the connection string as printf \"ConnectionStrings__%s\" .name: update ChartEnvironment.");
        }

        var entry = (Dictionary<string, object?>)ToObject(_chart.Services[service])!;
        if (Truthy(entry.GetValueOrDefault("database")))
        {
            names.Add(database.Groups[1].Value.Replace("%s", service, StringComparison.Ordinal));
        }

        return names;
    }

    /// <summary>Everything the service's container gets, as variables: the ConfigMap and the container's own.</summary>
    public IReadOnlyDictionary<string, string> All(string service)
    {
        var all = new Dictionary<string, string>(ConfigMap(service), StringComparer.Ordinal);
        foreach (var name in ContainerVariables(service))
        {
            all[name] = name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                ? "Host=db;Database=cx_" + service + ";Username=cx;Password=secret"
                : "from the downward API";
        }

        return all;
    }

    [GeneratedRegex(@"^- name: ([A-Za-z_][A-Za-z0-9_]*)\s*$", RegexOptions.Multiline)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"- name: \{\{ printf ""([A-Za-z_%]+)"" \.name \}\}")]
    private static partial Regex ConnectionStringLine();

    /// <summary>The top-level actions and blocks of a span of a template, in order.</summary>
    private static List<object> Items(GoTemplate template, int from, int to)
    {
        var inner = template.AllBlocks.Where(b => b.Open.Start >= from && b.Close!.End <= to).ToList();
        var topBlocks = inner.Where(b => !inner.Any(o => o != b && o.Open.Start < b.Open.Start && o.Close!.End >= b.Close!.End)).ToList();
        var items = new List<object>(topBlocks);
        items.AddRange(template.Actions.Where(a => a.Start >= from && a.End <= to
            && a.Kind is not (ActionKind.Comment or ActionKind.End or ActionKind.Else)
            && !topBlocks.Any(b => a.Start >= b.Open.Start && a.End <= b.Close!.End)));
        return items.OrderBy(i => i is TemplateBlock b ? b.Open.Start : ((TemplateAction)i).Start).ToList();
    }

    private void Run(GoTemplate template, List<object> items, Dictionary<string, object?> scope)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case TemplateAction action:
                    Execute(action, scope);
                    break;
                case TemplateBlock { Open.Kind: ActionKind.If } block:
                    if (block.Elses.Count > 0)
                    {
                        throw Unknown(block.Open, "else");
                    }

                    if (Truthy(Evaluate(block.Open.Tokens.Skip(1).ToList(), scope, block.Open)))
                    {
                        Run(template, Items(template, block.Open.End, block.Close!.Start), scope);
                    }

                    break;
                case TemplateBlock { Open.Kind: ActionKind.Range } block:
                    RunRange(template, block, scope);
                    break;
                case TemplateBlock block:
                    throw Unknown(block.Open, block.Open.Kind.ToString());
            }
        }
    }

    private void RunRange(GoTemplate template, TemplateBlock block, Dictionary<string, object?> scope)
    {
        // range $v := X  or  range $k, $v := X
        var tokens = block.Open.Tokens;
        var assign = tokens.ToList().FindIndex(t => t.Text == ":=");
        if (assign < 0)
        {
            throw Unknown(block.Open, "range without variables");
        }

        var names = tokens.Take(assign).Skip(1).Where(t => t.Kind == TokenKind.Variable).Select(t => t.Text).ToArray();
        var collection = Evaluate(tokens.Skip(assign + 1).ToList(), scope, block.Open);
        IEnumerable<(object? Key, object? Value)> entries = collection switch
        {
            Dictionary<string, object?> map => map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => ((object?)e.Key, e.Value)),
            List<object?> list => list.Select((v, i) => ((object?)i, v)),
            null => [],
            _ => throw Unknown(block.Open, "range over " + collection.GetType().Name),
        };
        foreach (var (key, value) in entries)
        {
            var inner = new Dictionary<string, object?>(scope, StringComparer.Ordinal);
            if (names.Length == 1)
            {
                inner[names[0]] = value;
            }
            else
            {
                inner[names[0]] = key;
                inner[names[1]] = value;
            }

            Run(template, Items(template, block.Open.End, block.Close!.Start), inner);
            foreach (var name in scope.Keys.ToList())
            {
                scope[name] = inner[name];
            }
        }
    }

    private void Execute(TemplateAction action, Dictionary<string, object?> scope)
    {
        var tokens = action.Tokens;
        if (tokens.Count >= 3 && tokens[0].Kind == TokenKind.Variable && tokens[1].Text is ":=" or "=")
        {
            var value = Evaluate(tokens.Skip(2).ToList(), scope, action);
            if (tokens[0].Text != "$_")
            {
                scope[tokens[0].Text] = value;
            }

            return;
        }

        if (tokens[0].Text is "fail")
        {
            throw new InvalidDataException($"the chart refuses its default values: {action.Body}");
        }

        if (tokens[0].Text is "toYaml")
        {
            return;
        }

        throw Unknown(action, action.Body);
    }

    private object? Evaluate(List<Token> tokens, Dictionary<string, object?> scope, TemplateAction action)
    {
        var position = 0;
        var value = Command(tokens, ref position, scope, action);
        if (position != tokens.Count)
        {
            throw Unknown(action, "a pipeline");
        }

        return value;
    }

    /// <summary>A command: a function and its arguments, or one operand.</summary>
    private object? Command(List<Token> tokens, ref int position, Dictionary<string, object?> scope, TemplateAction action)
    {
        var first = tokens[position];
        if (first.Kind != TokenKind.Identifier || first.Text is "true" or "false" or "nil")
        {
            return Operand(tokens, ref position, scope, action);
        }

        position++;
        var arguments = new List<object?>();
        while (position < tokens.Count && tokens[position].Text is not (")" or "|"))
        {
            arguments.Add(Operand(tokens, ref position, scope, action));
        }

        return Call(first.Text, arguments, action);
    }

    private object? Operand(List<Token> tokens, ref int position, Dictionary<string, object?> scope, TemplateAction action)
    {
        var token = tokens[position++];
        switch (token.Kind)
        {
            case TokenKind.String:
                return GoTemplate.Unquote(token.Text);
            case TokenKind.Number:
                return long.Parse(token.Text, CultureInfo.InvariantCulture);
            case TokenKind.Identifier when token.Text is "true" or "false":
                return token.Text == "true";
            case TokenKind.Identifier:
                return Call(token.Text, [], action);
            case TokenKind.Variable:
                var parts = token.Text.Split('.');
                return Fields(scope.TryGetValue(parts[0], out var variable) ? variable : throw Unknown(action, "the variable " + parts[0]), parts.Skip(1));
            case TokenKind.Field:
                return Fields(scope["."], token.Text.Split('.', StringSplitOptions.RemoveEmptyEntries));
            case TokenKind.Punctuation when token.Text == "(":
                var value = Command(tokens, ref position, scope, action);
                if (tokens[position++].Text != ")")
                {
                    throw Unknown(action, "a pipeline in parentheses");
                }

                if (position < tokens.Count && tokens[position].Kind == TokenKind.Field)
                {
                    value = Fields(value, tokens[position++].Text.Split('.', StringSplitOptions.RemoveEmptyEntries));
                }

                return value;
            default:
                throw Unknown(action, token.Text);
        }
    }

    private static object? Fields(object? value, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            value = value is Dictionary<string, object?> map ? map.GetValueOrDefault(field) : null;
        }

        return value;
    }

    private object? Call(string function, List<object?> arguments, TemplateAction action)
    {
        return function switch
        {
            "dict" => Enumerable.Range(0, arguments.Count / 2).ToDictionary(i => (string)arguments[2 * i]!, i => arguments[(2 * i) + 1], StringComparer.Ordinal),
            "set" => Set((Dictionary<string, object?>)arguments[0]!, (string)arguments[1]!, arguments[2]),
            "toString" => Text(arguments[0]),
            "int" => Convert.ToInt64(arguments[0], CultureInfo.InvariantCulture),
            "printf" => Printf((string)arguments[0]!, arguments.Skip(1).ToList()),
            "title" => Text(arguments[0]) is { Length: > 0 } t ? char.ToUpperInvariant(t[0]) + t[1..] : "",
            "eq" => Equals(Text(arguments[0]), Text(arguments[1])),
            "ne" => !Equals(Text(arguments[0]), Text(arguments[1])),
            "not" => !Truthy(arguments[0]),
            "and" => arguments.All(Truthy) ? arguments[^1] : arguments.First(a => !Truthy(a)),
            "or" => arguments.Any(Truthy) ? arguments.First(Truthy) : arguments[^1],
            "ternary" => Truthy(arguments[2]) ? arguments[0] : arguments[1],
            "hasKey" => ((Dictionary<string, object?>)arguments[0]!).ContainsKey((string)arguments[1]!),
            "index" => ((Dictionary<string, object?>)arguments[0]!).GetValueOrDefault((string)arguments[1]!),
            "include" => Include((string)arguments[0]!, arguments[1], action),
            "fail" => throw new InvalidDataException($"the chart refuses its default values: {arguments[0]}"),
            _ => throw Unknown(action, "the function " + function),
        };
    }

    private string Include(string name, object? argument, TemplateAction action)
    {
        var values = (Dictionary<string, object?>)_root["Values"]!;
        return name switch
        {
            "cx.serviceName" => Chart.ServiceHost((string)((Dictionary<string, object?>)argument!)["name"]!),
            "cx.otlpEndpoint" => Truthy(Fields(values, ["otelCollector", "enabled"]))
                ? $"http://{Chart.ServiceHost("otel-collector")}:4317"
                : Text(Fields(values, ["telemetry", "otlpEndpoint"])),
            _ => throw Unknown(action, "include " + name),
        };
    }

    private static Dictionary<string, object?> Set(Dictionary<string, object?> map, string key, object? value)
    {
        map[key] = value;
        return map;
    }

    private static string Printf(string format, List<object?> arguments)
    {
        var index = 0;
        return Verb().Replace(format, _ => Text(arguments[index++]));
    }

    [GeneratedRegex("%[sdv]")]
    private static partial Regex Verb();

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        Dictionary<string, object?> m => m.Count > 0,
        List<object?> l => l.Count > 0,
        _ => true,
    };

    private static InvalidDataException Unknown(TemplateAction action, string what) =>
        new($"ChartEnvironment does not interpret {what} (line {action.Line} of the helper: {action.Body}); teach it, or keep the helper simple.");

    /// <summary>A YAML node as Helm sees values: maps, lists, strings, numbers and booleans.</summary>
    public static object? ToObject(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(e => e.Key.ToString(), e => ToObject(e.Value), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(ToObject).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => scalar.Value switch
        {
            "true" => true,
            "false" => false,
            "null" or "~" or "" => null,
            var text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
            var text => text,
        },
        YamlScalarNode scalar => scalar.Value,
        _ => throw new InvalidDataException("unexpected YAML node " + node.GetType().Name),
    };
}

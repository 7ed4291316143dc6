using System.Text;

namespace Cx.Deploy.Tests.Support;

/// <summary>What one action ({{ ... }}) of a Go template does.</summary>
internal enum ActionKind
{
    Comment,
    Expression,
    If,
    Range,
    With,
    Define,
    Block,
    Else,
    End,
    Template,
    Break,
    Continue,
}

internal enum TokenKind
{
    String,
    RawString,
    Char,
    Number,
    Variable,
    Field,
    Identifier,
    Punctuation,
}

internal sealed record Token(TokenKind Kind, string Text);

/// <summary>One {{ ... }} of a template: where it is, and its tokens.</summary>
internal sealed record TemplateAction(int Start, int End, int Line, ActionKind Kind, string Body, IReadOnlyList<Token> Tokens);

/// <summary>An if, range, with, define or block, from its opening action to its end.</summary>
internal sealed class TemplateBlock(TemplateAction open)
{
    public TemplateAction Open { get; } = open;

    public TemplateAction? Close { get; set; }

    public List<TemplateBlock> Children { get; } = [];

    public List<TemplateAction> Elses { get; } = [];

    public IEnumerable<TemplateBlock> Descendants() => Children.SelectMany(c => c.Descendants().Prepend(c));
}

/// <summary>
/// A Go template (Helm's dialect) read as text: its actions, its block structure (every if, range,
/// with and define has its end), the helpers it defines and the names it calls. Helm cannot run
/// here, so this is what stands in for "the template parses".
/// </summary>
internal sealed class GoTemplate
{
    private static readonly HashSet<string> Keywords = ["if", "else", "end", "range", "with", "define", "block", "template", "break", "continue", "nil", "true", "false"];

    private GoTemplate(string name, string text)
    {
        Name = name;
        Text = text;
    }

    public string Name { get; }

    public string Text { get; }

    public List<TemplateAction> Actions { get; } = [];

    public List<TemplateBlock> Blocks { get; } = [];

    /// <summary>The named templates (define) of this file, with their bodies.</summary>
    public Dictionary<string, string> Defines { get; } = new(StringComparer.Ordinal);

    /// <summary>The names this file includes (include "x", template "x").</summary>
    public IEnumerable<string> Includes =>
        Actions.SelectMany(a => a.Tokens.Zip(a.Tokens.Skip(1))
            .Where(p => (p.First is { Kind: TokenKind.Identifier, Text: "include" or "template" }) && p.Second.Kind == TokenKind.String)
            .Select(p => Unquote(p.Second.Text)));

    /// <summary>The functions this file calls.</summary>
    public IEnumerable<string> Functions =>
        Actions.Where(a => a.Kind is not (ActionKind.Comment or ActionKind.Define or ActionKind.Template))
            .SelectMany(a => a.Tokens)
            .Where(t => t.Kind == TokenKind.Identifier && !Keywords.Contains(t.Text))
            .Select(t => t.Text);

    /// <summary>Every block of the file, nested ones included.</summary>
    public IEnumerable<TemplateBlock> AllBlocks => Blocks.SelectMany(b => b.Descendants().Prepend(b));

    /// <summary>The text between a block's opening action and its end.</summary>
    public string BodyOf(TemplateBlock block) =>
        Text[block.Open.End..(block.Close ?? throw new InvalidOperationException("unclosed block")).Start];

    public static GoTemplate Parse(string name, string text)
    {
        var template = new GoTemplate(name, text);
        template.ReadActions();
        template.BuildBlocks();
        return template;
    }

    public static string Unquote(string literal) =>
        literal.Length >= 2 ? System.Text.RegularExpressions.Regex.Unescape(literal[1..^1]) : literal;

    private void ReadActions()
    {
        var position = 0;
        while (true)
        {
            var open = Text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                if (Text.IndexOf("}}", position, StringComparison.Ordinal) is var stray and >= 0)
                {
                    throw Error(stray, "a \"}}\" without its \"{{\"");
                }

                return;
            }

            var inner = open + 2;
            if (inner < Text.Length - 1 && Text[inner] == '-' && char.IsWhiteSpace(Text[inner + 1]))
            {
                inner += 2;
            }

            var close = FindClose(inner, open);
            var bodyEnd = close;
            if (bodyEnd - 2 >= inner && Text[bodyEnd - 1] == '-' && char.IsWhiteSpace(Text[bodyEnd - 2]))
            {
                bodyEnd -= 2;
            }

            var body = Text[inner..bodyEnd].Trim();
            var line = Text.AsSpan(0, open).Count('\n') + 1;
            Actions.Add(Classify(open, close + 2, line, body));
            position = close + 2;
        }
    }

    private int FindClose(int from, int open)
    {
        var i = from;
        while (i < Text.Length && char.IsWhiteSpace(Text[i]))
        {
            i++;
        }

        if (Text.AsSpan(i).StartsWith("/*"))
        {
            var endComment = Text.IndexOf("*/", i + 2, StringComparison.Ordinal);
            if (endComment < 0)
            {
                throw Error(open, "a comment without its */");
            }

            var close = Text.IndexOf("}}", endComment, StringComparison.Ordinal);
            if (close < 0 || Text[(endComment + 2)..close].Trim().Trim('-').Trim().Length > 0)
            {
                throw Error(open, "a comment must end its action: */ }} or */ -}}");
            }

            return close;
        }

        for (; i < Text.Length - 1; i++)
        {
            var c = Text[i];
            if (c is '"' or '\'')
            {
                i = SkipQuoted(i, c, open);
            }
            else if (c == '`')
            {
                i = Text.IndexOf('`', i + 1);
                if (i < 0)
                {
                    throw Error(open, "an unterminated raw string");
                }
            }
            else if (c == '{' && Text[i + 1] == '{')
            {
                throw Error(open, "an action opened inside another");
            }
            else if (c == '}' && Text[i + 1] == '}')
            {
                return i;
            }
        }

        throw Error(open, "an action without its }}");
    }

    private int SkipQuoted(int start, char quote, int open)
    {
        for (var i = start + 1; i < Text.Length; i++)
        {
            if (Text[i] == '\\')
            {
                i++;
            }
            else if (Text[i] == quote)
            {
                return i;
            }
            else if (Text[i] == '\n')
            {
                break;
            }
        }

        throw Error(open, "an unterminated string");
    }

    private TemplateAction Classify(int start, int end, int line, string body)
    {
        if (body.StartsWith("/*", StringComparison.Ordinal))
        {
            return new TemplateAction(start, end, line, ActionKind.Comment, body, []);
        }

        var tokens = Tokenize(body, start);
        if (tokens.Count == 0)
        {
            throw Error(start, "an empty action");
        }

        var kind = tokens[0] is { Kind: TokenKind.Identifier } first
            ? first.Text switch
            {
                "if" => ActionKind.If,
                "range" => ActionKind.Range,
                "with" => ActionKind.With,
                "define" => ActionKind.Define,
                "block" => ActionKind.Block,
                "else" => ActionKind.Else,
                "end" => ActionKind.End,
                "template" => ActionKind.Template,
                "break" => ActionKind.Break,
                "continue" => ActionKind.Continue,
                _ => ActionKind.Expression,
            }
            : ActionKind.Expression;

        if (kind is ActionKind.If or ActionKind.Range or ActionKind.With && tokens.Count < 2)
        {
            throw Error(start, $"{tokens[0].Text} without a condition");
        }

        if (kind is ActionKind.Define or ActionKind.Block or ActionKind.Template && (tokens.Count < 2 || tokens[1].Kind != TokenKind.String))
        {
            throw Error(start, $"{tokens[0].Text} needs a quoted name");
        }

        if (kind == ActionKind.End && tokens.Count != 1)
        {
            throw Error(start, "end takes nothing");
        }

        CheckParentheses(tokens, start);
        return new TemplateAction(start, end, line, kind, body, tokens);
    }

    private void CheckParentheses(IReadOnlyList<Token> tokens, int start)
    {
        var depth = 0;
        foreach (var token in tokens.Where(t => t.Kind == TokenKind.Punctuation))
        {
            depth += token.Text switch { "(" => 1, ")" => -1, _ => 0 };
            if (depth < 0)
            {
                throw Error(start, "a ) without its (");
            }
        }

        if (depth != 0)
        {
            throw Error(start, "a ( without its )");
        }
    }

    private List<Token> Tokenize(string body, int start)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var begin = i;
            TokenKind kind;
            switch (c)
            {
                case '"' or '\'':
                    i++;
                    while (i < body.Length && body[i] != c)
                    {
                        i += body[i] == '\\' ? 2 : 1;
                    }

                    i++;
                    kind = c == '"' ? TokenKind.String : TokenKind.Char;
                    break;
                case '`':
                    i = body.IndexOf('`', i + 1) + 1;
                    kind = TokenKind.RawString;
                    break;
                case '$':
                    i++;
                    i = SkipName(body, i);
                    i = SkipFields(body, i);
                    kind = TokenKind.Variable;
                    break;
                case '.':
                    i++;
                    i = SkipName(body, i);
                    i = SkipFields(body, i);
                    kind = TokenKind.Field;
                    break;
                case '(' or ')' or '|' or ',' or '=':
                    i++;
                    kind = TokenKind.Punctuation;
                    break;
                case ':' when i + 1 < body.Length && body[i + 1] == '=':
                    i += 2;
                    kind = TokenKind.Punctuation;
                    break;
                default:
                    if (char.IsDigit(c) || (c == '-' && i + 1 < body.Length && char.IsDigit(body[i + 1])))
                    {
                        i++;
                        while (i < body.Length && (char.IsLetterOrDigit(body[i]) || body[i] is '.' or '_'))
                        {
                            i++;
                        }

                        kind = TokenKind.Number;
                    }
                    else if (char.IsLetter(c) || c == '_')
                    {
                        i = SkipName(body, i);
                        kind = TokenKind.Identifier;
                    }
                    else
                    {
                        throw Error(start, $"an unexpected '{c}' in \"{body}\"");
                    }

                    break;
            }

            tokens.Add(new Token(kind, body[begin..i]));

            // A field chain after a parenthesised pipeline: (index .a "b").enabled
            if (c == ')' && i < body.Length && body[i] == '.')
            {
                var fieldStart = i;
                i = SkipFields(body, i);
                tokens.Add(new Token(TokenKind.Field, body[fieldStart..i]));
            }
        }

        return tokens;
    }

    private static int SkipName(string body, int i)
    {
        while (i < body.Length && (char.IsLetterOrDigit(body[i]) || body[i] == '_'))
        {
            i++;
        }

        return i;
    }

    private static int SkipFields(string body, int i)
    {
        while (i < body.Length && body[i] == '.' && i + 1 < body.Length && (char.IsLetter(body[i + 1]) || body[i + 1] == '_'))
        {
            i = SkipName(body, i + 1);
        }

        return i;
    }

    private void BuildBlocks()
    {
        var stack = new Stack<TemplateBlock>();
        foreach (var action in Actions)
        {
            switch (action.Kind)
            {
                case ActionKind.If or ActionKind.Range or ActionKind.With or ActionKind.Define or ActionKind.Block:
                    if (action.Kind == ActionKind.Define && stack.Count > 0)
                    {
                        throw Error(action.Start, "define inside another block");
                    }

                    var block = new TemplateBlock(action);
                    (stack.Count > 0 ? stack.Peek().Children : Blocks).Add(block);
                    stack.Push(block);
                    break;
                case ActionKind.Else:
                    if (stack.Count == 0 || stack.Peek().Open.Kind is not (ActionKind.If or ActionKind.Range or ActionKind.With))
                    {
                        throw Error(action.Start, "else outside if, range or with");
                    }

                    stack.Peek().Elses.Add(action);
                    break;
                case ActionKind.End:
                    if (stack.Count == 0)
                    {
                        throw Error(action.Start, "end without its if, range, with or define");
                    }

                    var closed = stack.Pop();
                    closed.Close = action;
                    if (closed.Open.Kind == ActionKind.Define)
                    {
                        var name = Unquote(closed.Open.Tokens[1].Text);
                        if (!Defines.TryAdd(name, BodyOf(closed)))
                        {
                            throw Error(action.Start, $"\"{name}\" defined twice");
                        }
                    }

                    break;
                case ActionKind.Break or ActionKind.Continue:
                    if (!stack.Any(b => b.Open.Kind == ActionKind.Range))
                    {
                        throw Error(action.Start, $"{action.Body} outside range");
                    }

                    break;
            }
        }

        if (stack.Count > 0)
        {
            throw Error(stack.Peek().Open.Start, $"\"{stack.Peek().Open.Body}\" has no end");
        }
    }

    private InvalidDataException Error(int position, string problem)
    {
        var line = Text.AsSpan(0, Math.Min(position, Text.Length)).Count('\n') + 1;
        return new InvalidDataException(new StringBuilder().Append(Name).Append(':').Append(line).Append(": ").Append(problem).ToString());
    }
}

using System.Text.RegularExpressions;

namespace Langaj.Infra.Tests;

/// <summary>One <c>[Function]</c> method of src/Langaj.Functions, read from its source text.</summary>
internal sealed record FunctionDeclaration(string File, string Name, string Signature, string Body, bool ExpressionBodied)
{
    public HttpTriggerDeclaration? Http => FunctionsSource.ParseHttpTrigger(Signature);

    public override string ToString() => $"{Name} ({File})";
}

internal sealed record HttpTriggerDeclaration(string AuthorizationLevel, string Method, string Route);

/// <summary>A route the local host maps in src/Langaj.Core/Api, and the handler it calls.</summary>
internal sealed record LocalRoute(string Method, string Route, string Handler);

/// <summary>
/// Reads the two hosts' sources as text: the routes LangajApi maps for the local host, and the functions
/// of the Functions app. Text is enough because both are written in one plain shape on purpose.
/// </summary>
internal static partial class FunctionsSource
{
    public static IReadOnlyList<FunctionDeclaration> Functions() =>
        Directory.EnumerateFiles(Repository.FunctionsProject, "*.cs", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Parse(Path.GetFileName(file), WithoutComments(File.ReadAllText(file))))
            .ToList();

    public static IReadOnlyList<LocalRoute> LocalRoutes() =>
        Directory.EnumerateFiles(Repository.CoreApi, "*.cs")
            .SelectMany(file => MapCall().Matches(File.ReadAllText(file)))
            .Select(m => new LocalRoute(m.Groups["verb"].Value is "Methods" ? "GET HEAD OPTIONS" : m.Groups["verb"].Value.ToUpperInvariant(), m.Groups["route"].Value.TrimStart('/'), m.Groups["handler"].Value))
            .ToList();

    public static string LocalGroupPrefix()
    {
        var prefixes = Directory.EnumerateFiles(Repository.CoreApi, "*.cs")
            .SelectMany(file => MapGroupCall().Matches(File.ReadAllText(file)))
            .Select(m => m.Groups["prefix"].Value.Trim('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Single(prefixes);
        return prefixes[0];
    }

    public static HttpTriggerDeclaration? ParseHttpTrigger(string signature)
    {
        var match = HttpTriggerAttribute().Match(signature);
        return match.Success
            ? new HttpTriggerDeclaration(match.Groups["level"].Value, string.Join(' ', (match.Groups["method"].Value + match.Groups["more"].Value).Split([',', '"', ' '], StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant(), match.Groups["route"].Value)
            : null;
    }

    private static IEnumerable<FunctionDeclaration> Parse(string file, string text)
    {
        foreach (Match attribute in FunctionAttribute().Matches(text))
        {
            var open = text.IndexOf('(', attribute.Index + attribute.Length);
            var close = Matching(text, open, '(', ')');
            var signature = text[(attribute.Index + attribute.Length)..(close + 1)];
            var rest = close + 1;
            while (char.IsWhiteSpace(text[rest]))
            {
                rest++;
            }
            if (text.AsSpan(rest).StartsWith("=>"))
            {
                var end = IndexOutsideLiterals(text, rest, ';');
                yield return new FunctionDeclaration(file, attribute.Groups["name"].Value, signature, text[(rest + 2)..end].Trim(), ExpressionBodied: true);
            }
            else
            {
                var end = Matching(text, rest, '{', '}');
                yield return new FunctionDeclaration(file, attribute.Groups["name"].Value, signature, text[(rest + 1)..end].Trim(), ExpressionBodied: false);
            }
        }
    }

    /// <summary>Statements at the top level of a block body: its semicolons outside parentheses and literals.</summary>
    public static int TopLevelStatements(string body)
    {
        var count = 0;
        var depth = 0;
        for (var i = 0; i < body.Length; i++)
        {
            i = SkipLiteral(body, i);
            switch (body[i])
            {
                case '(' or '{' or '[':
                    depth++;
                    break;
                case ')' or '}' or ']':
                    depth--;
                    break;
                case ';' when depth == 0:
                    count++;
                    break;
            }
        }
        return count;
    }

    // Blanks // and /* */ comments (keeping offsets and line breaks) so prose cannot look like code.
    private static string WithoutComments(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length - 1; i++)
        {
            var end = SkipLiteral(text, i);
            if (end != i)
            {
                i = end;
            }
            else if (text[i] == '/' && text[i + 1] is '/' or '*')
            {
                var close = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal) + 1;
                close = close <= 0 ? chars.Length - 1 : close;
                for (var j = i; j <= close; j++)
                {
                    chars[j] = chars[j] == '\n' ? '\n' : ' ';
                }
                i = close;
            }
        }
        return new string(chars);
    }

    private static int Matching(string text, int open, char opening, char closing)
    {
        Assert.Equal(opening, text[open]);
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            i = SkipLiteral(text, i);
            if (text[i] == opening)
            {
                depth++;
            }
            else if (text[i] == closing && --depth == 0)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"No '{closing}' matches the '{opening}' at {open}.");
    }

    private static int IndexOutsideLiterals(string text, int start, char wanted)
    {
        for (var i = start; i < text.Length; i++)
        {
            i = SkipLiteral(text, i);
            if (text[i] == wanted)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"No '{wanted}' after {start}.");
    }

    // Returns the index of the literal's closing quote when a string or char literal starts at i, else i.
    private static int SkipLiteral(string text, int i)
    {
        if (text[i] is not ('"' or '\''))
        {
            return i;
        }
        var quote = text[i];
        for (var j = i + 1; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == quote)
            {
                return j;
            }
        }
        throw new InvalidOperationException($"Unterminated literal at {i}.");
    }

    [GeneratedRegex("""\[Function\("(?<name>[^"]+)"\)\]""")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex("""HttpTrigger\(\s*AuthorizationLevel\.(?<level>\w+)\s*,\s*"(?<method>\w+)"(?<more>(?:\s*,\s*"\w+")*)\s*,\s*Route\s*=\s*"(?<route>[^"]*)"\s*\)""")]
    private static partial Regex HttpTriggerAttribute();

    // A lambda that calls the handler, or the handler as a method group.
    [GeneratedRegex("""\.Map(?<verb>Get|Post|Put|Delete|Patch|Methods)\(\s*"(?<route>[^"]+)"\s*,\s*(?:PublicReads\.Methods\s*,\s*)?(?:\([^)]*\)\s*=>\s*)?(?<handler>\w+)\b""")]
    private static partial Regex MapCall();

    [GeneratedRegex("""\.MapGroup\(\s*"(?<prefix>[^"]+)"\s*\)""")]
    private static partial Regex MapGroupCall();
}

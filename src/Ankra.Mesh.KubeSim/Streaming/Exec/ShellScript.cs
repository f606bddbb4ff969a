using System.Text;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// The tiny shell language <c>sh -c</c> understands here: simple commands separated by <c>;</c>,
/// <c>&amp;&amp;</c>, <c>||</c> or <c>|</c> (which joins a command to the pipeline before it), words split
/// on blanks, with single quotes, double quotes and backslash escapes. No variables, redirections or globbing.
/// </summary>
internal static class ShellScript
{
    /// <summary>Splits <paramref name="script"/> into commands, each with the operator that precedes it.</summary>
    public static IReadOnlyList<(string Operator, IReadOnlyList<string> Words)> Parse(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var commands = new List<(string, IReadOnlyList<string>)>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var pendingOperator = ";";
        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case '\'':
                    var close = script.IndexOf('\'', i + 1);
                    close = close < 0 ? script.Length : close;
                    word.Append(script, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                    break;
                case '"':
                    i = ReadDoubleQuoted(script, i + 1, word);
                    inWord = true;
                    break;
                case '\\' when i + 1 < script.Length:
                    word.Append(script[++i]);
                    inWord = true;
                    break;
                case ' ' or '\t' or '\n':
                    EndWord();
                    break;
                case ';':
                    EndCommand(";");
                    break;
                case '&' when i + 1 < script.Length && script[i + 1] == '&':
                    EndCommand("&&");
                    i++;
                    break;
                case '|' when i + 1 < script.Length && script[i + 1] == '|':
                    EndCommand("||");
                    i++;
                    break;
                case '|':
                    EndCommand("|");
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        EndCommand(";");
        return commands;

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void EndCommand(string nextOperator)
        {
            EndWord();
            if (words.Count > 0)
            {
                commands.Add((pendingOperator, words.ToArray()));
                words.Clear();
            }

            pendingOperator = nextOperator;
        }
    }

    private static int ReadDoubleQuoted(string script, int start, StringBuilder word)
    {
        var i = start;
        for (; i < script.Length && script[i] != '"'; i++)
        {
            if (script[i] == '\\' && i + 1 < script.Length && script[i + 1] is '"' or '\\' or '$')
            {
                i++;
            }

            word.Append(script[i]);
        }

        return i;
    }
}

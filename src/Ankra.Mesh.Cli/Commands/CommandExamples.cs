using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>
/// Examples shown under a command's <c>--help</c> (System.CommandLine has no examples section), kept
/// out of the one-line descriptions so parent command listings stay short.
/// </summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string> Examples = [];

    /// <summary>Creates a command with a one-line description and the examples its help shows.</summary>
    public static Command New(string name, string description, string examples, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                default:
                    throw new ArgumentException($"{symbol.Name} is neither an option nor an argument.", nameof(symbols));
            }
        }

        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>True when the command line asks for help (help wins over missing arguments).</summary>
    public static bool IsHelp(ParseResult parseResult) => parseResult.Action is HelpWithExamples or HelpAction;

    /// <summary>Makes <c>--help</c> on <paramref name="root"/> and below print the examples after the usual help.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!);
    }

    private sealed class HelpWithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in examples.Split('\n'))
                {
                    output.WriteLine($"  {line}");
                }

                output.WriteLine();
            }

            return code;
        }
    }
}

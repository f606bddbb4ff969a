using System.CommandLine;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>
/// <c>ankra completion bash|zsh|fish</c>: prints a script that wires the shell's completion to System.CommandLine's
/// own <c>[suggest:POSITION]</c> directive, so completions always come from the command tree itself (subcommands,
/// options, <c>AcceptOnlyFromAmong</c> values) and never drift from it. Each script calls the same <c>ankra</c> the
/// user typed (a path such as <c>./ankra</c> works too).
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # ankra completion for bash. Load it now:  source <(ankra completion bash)
        # or for every shell:                     ankra completion bash > ~/.local/share/bash-completion/completions/ankra
        _ankra_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _ankra_complete ankra

        """;

    private const string Zsh = """
        #compdef ankra
        # ankra completion for zsh. Load it now:  source <(ankra completion zsh)
        # or for every shell: ankra completion zsh > "${fpath[1]}/_ankra"   (then start a new shell)
        _ankra()
        {
            local line="${(j: :)words[1,CURRENT]}"
            local -a suggestions
            suggestions=("${(@f)$("${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -a suggestions
        }
        if [[ "$funcstack[1]" = "_ankra" ]]; then
            _ankra "$@"
        else
            compdef _ankra ankra
        fi

        """;

    private const string Fish = """
        # ankra completion for fish. Load it now:  ankra completion fish | source
        # or for every shell:                     ankra completion fish > ~/.config/fish/completions/ankra.fish
        function __ankra_complete
            set -l line (commandline -cp)
            set -l exe (commandline -opc)[1]
            $exe "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c ankra -f -a '(__ankra_complete)'

        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" }.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = CommandExamples.New("completion", "Print the shell completion script for bash, zsh or fish.", """
            source <(ankra completion bash)
            ankra completion fish > ~/.config/fish/completions/ankra.fish
            """, shell);

        // No CommandAction: the script needs no settings, config file or API client.
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.Write(parseResult.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => Fish,
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}

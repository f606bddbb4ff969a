using System.CommandLine;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>
/// Runs a command's action with the CLI's error rules: a <see cref="CliException"/> prints its message on
/// stderr and exits with its code; nothing ever shows a stack trace to the user.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                using var context = CommandContext.Create(parseResult);
                return await action(context, cancellationToken);
            }
            catch (CliException exception)
            {
                await Console.Error.WriteLineAsync($"Error: {exception.Message}");
                return exception.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Failure;
            }
            catch (IOException exception)
            {
                await Console.Error.WriteLineAsync($"Error: {exception.Message}");
                return ExitCodes.Failure;
            }
            catch (UnauthorizedAccessException exception)
            {
                await Console.Error.WriteLineAsync($"Error: {exception.Message}");
                return ExitCodes.Failure;
            }
        });
}

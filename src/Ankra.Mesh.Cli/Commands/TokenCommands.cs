using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Output;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra tokens list | create | revoke</c>: your API tokens.</summary>
internal static class TokenCommands
{
    public static Command Create()
    {
        var tokens = CommandExamples.New("tokens", "Manage your API tokens.", """
            ankra tokens list
            ankra tokens create --name ci --expires-in-days 30
            """);
        tokens.Subcommands.Add(CreateList());
        tokens.Subcommands.Add(CreateCreate());
        tokens.Subcommands.Add(CreateRevoke());
        return tokens;
    }

    private static Command CreateList()
    {
        var output = SharedOptions.Output();
        var command = CommandExamples.New("list", "List your API tokens (never their secrets).", """
            ankra tokens list -o yaml
            """, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var tokens = (await context.Api.ListTokensAsync(cancellationToken)).Result;
            if (!DataWriter.TryWrite(context.Out, context.ParseResult.GetValue(output)!, tokens, ApiJsonContext.Default.IReadOnlyListApiTokenInfo))
            {
                TableWriter.Write(context.Out, ["ID", "Name", "Created", "Expires", "Last used"],
                    tokens.Select(t => (IReadOnlyList<string>)[t.Id, t.Name, Formatting.Timestamp(t.CreatedAt), Formatting.Timestamp(t.ExpiresAt), Formatting.Timestamp(t.LastUsedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCreate()
    {
        var name = new Option<string>("--name") { Description = "A name that says where the token is used", Required = true };
        var days = new Option<int?>("--expires-in-days") { Description = "Lifetime in days (server default when omitted)" };
        var forEmail = new Option<string?>("--for") { Description = "Organisation admins: issue the token to this member (their first login)" };
        var output = SharedOptions.Output();
        var command = CommandExamples.New("create", "Create an API token. The secret is printed once; store it safely.", """
            ankra tokens create --name ci --expires-in-days 30
            ankra tokens create --name laptop --for dev@example.com
            """, name, days, forEmail, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            if (result.GetValue(days) is <= 0)
            {
                throw new CliException(ExitCodes.Usage, "--expires-in-days must be a positive number of days.");
            }

            var token = await context.Api.CreateTokenAsync(result.GetValue(name)!, result.GetValue(days), result.GetValue(forEmail), cancellationToken);
            if (!DataWriter.TryWrite(context.Out, result.GetValue(output)!, token, ApiJsonContext.Default.ApiTokenInfo))
            {
                await context.Out.WriteLineAsync($"Token {token.Name} ({token.Id}), expires {Formatting.Timestamp(token.ExpiresAt)}:");
                await context.Out.WriteLineAsync(token.Token);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var id = new Argument<string>("token-id") { Description = "Id of the token to revoke" };
        var command = CommandExamples.New("revoke", "Revoke an API token; it stops working at once.", """
            ankra tokens revoke 0b6c3c1e-4f0a-4d8e-9a57-2f1d0c7d9e21
            """, id);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var tokenId = context.ParseResult.GetValue(id)!;
            await context.Api.RevokeTokenAsync(tokenId, cancellationToken);
            await context.Out.WriteLineAsync($"Revoked token {tokenId}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Output;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra members list | add | remove</c>: who belongs to the organisation (adding and removing: admins).</summary>
internal static class MemberCommands
{
    public static Command Create()
    {
        var members = CommandExamples.New("members", "Manage the members of your organisation.", """
            ankra members list
            ankra members add dev@example.com
            """);
        members.Subcommands.Add(CreateList());
        members.Subcommands.Add(CreateAdd());
        members.Subcommands.Add(CreateRemove());
        return members;
    }

    private static Command CreateList()
    {
        var output = SharedOptions.Output();
        var command = CommandExamples.New("list", "List the organisation's members and their roles.", """
            ankra members list -o json
            """, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var members = await context.Api.ListMembersAsync(cancellationToken);
            if (!DataWriter.TryWrite(context.Out, context.ParseResult.GetValue(output)!, members, ApiJsonContext.Default.IReadOnlyListMemberInfo))
            {
                TableWriter.Write(context.Out, ["User ID", "Email", "Role", "Added"],
                    members.Select(m => (IReadOnlyList<string>)[m.UserId, m.Email, m.Role, Formatting.Timestamp(m.CreatedAt)]));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateAdd()
    {
        var email = new Argument<string>("email") { Description = "The person's email (the one they sign in with)" };
        var role = new Option<string>("--role") { Description = "member or admin", DefaultValueFactory = _ => "member" }
            .AcceptOnlyFromAmong("member", "admin");
        var output = SharedOptions.Output();
        var command = CommandExamples.New("add", "Add a person to the organisation; grant them cluster access with `ankra cluster access grant`.", """
            ankra members add dev@example.com
            ankra members add ops@example.com --role admin
            """, email, role, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            var member = await context.Api.AddMemberAsync(result.GetValue(email)!, result.GetValue(role)!, cancellationToken);
            if (!DataWriter.TryWrite(context.Out, result.GetValue(output)!, member, ApiJsonContext.Default.MemberInfo))
            {
                await context.Out.WriteLineAsync($"{member.Email} is a member ({member.Role}, user id {member.UserId}).");
                await context.Out.WriteLineAsync($"Give them kubectl access with: ankra cluster access grant {member.Email} --cluster <cluster> --role view");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRemove()
    {
        var reference = new Argument<string>("member") { Description = "The member's email or user id" };
        var command = CommandExamples.New("remove", "Remove a member; every cluster grant they hold is revoked first, so their kubectl access ends at once.", """
            ankra members remove dev@example.com
            """, reference);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var value = context.ParseResult.GetValue(reference)!;
            var members = await context.Api.ListMembersAsync(cancellationToken);
            var member = members.FirstOrDefault(m => string.Equals(m.Email, value, StringComparison.OrdinalIgnoreCase) || m.UserId == value)
                ?? throw new CliException(ExitCodes.NotFound, $"{value} is not a member of this organisation; `ankra members list` shows who is.");
            await context.Api.RemoveMemberAsync(member.UserId, cancellationToken);
            await context.Out.WriteLineAsync($"Removed {member.Email} from the organisation; their grants were revoked.");
            return ExitCodes.Ok;
        });
        return command;
    }
}

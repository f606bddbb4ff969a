namespace Ankra.Mesh.Edge.Sso;

/// <summary>The CLI's browser login (<c>Mesh:CliLogin</c>); it needs single sign-on (<c>Mesh:Sso</c>).</summary>
public sealed class CliLoginOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:CliLogin";

    /// <summary>How long a login request waits for approval and collection (the CLI gives up after 10 minutes).</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of the API token a browser login issues.</summary>
    public int TokenLifetimeDays { get; set; } = 30;

    /// <summary>Login requests one client address may start per minute (the endpoint needs no credentials).</summary>
    public int StartsPerMinutePerAddress { get; set; } = 30;
}

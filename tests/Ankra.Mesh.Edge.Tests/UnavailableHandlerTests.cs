using System.Net.Sockets;
using Ankra.Mesh.Edge.Hosting;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Which failures the edge answers as 503 "temporarily unavailable" (the rest are 500, or 4xx for bad input).</summary>
public sealed class UnavailableHandlerTests
{
    public static TheoryData<Exception> Outages() => new()
    {
        new SiloUnavailableException(),
        new GatewayTooBusyException(),
        new TimeoutException("Response did not arrive on time"),
        new InvalidOperationException("storage write failed", new SocketException((int)SocketError.ConnectionRefused)),
        new AggregateException(new TimeoutException()),
    };

    public static TheoryData<Exception> NotOutages() => new()
    {
        new InvalidOperationException("a defect"),
        new NullReferenceException(),
        new Microsoft.AspNetCore.Http.BadHttpRequestException("Failed to bind parameter", 400),
        new AggregateException(new ArgumentException("bad")),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void IsUnavailability_ControlPlaneUnreachable_True(Exception failure) =>
        Assert.True(UnavailableHandler.IsUnavailability(failure));

    [Theory]
    [MemberData(nameof(NotOutages))]
    public void IsUnavailability_DefectOrBadInput_False(Exception failure) =>
        Assert.False(UnavailableHandler.IsUnavailability(failure));
}

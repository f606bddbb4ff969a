using System.Globalization;
using Ankra.Mesh.Demo.Chaos;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.Bench.Chaos;

/// <summary>
/// <c>./mesh chaos [ROUNDS]</c>: starts the scaled-out stack (<c>./mesh demo --ha</c>'s shape) and runs the failover
/// suite ROUNDS times (default 1) over every fault, printing one table row per fault and the whole table at the end.
/// Logs of the stack's processes stay in <c>.mesh/chaos/logs/</c>.
/// </summary>
internal static class ChaosCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        var directory = Path.Combine(Ankra.Mesh.Testing.RepositoryPaths.Combine(".mesh"), "chaos");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Console.WriteLine("starting the scaled-out stack: PostgreSQL, 2 silos, 2 edges behind HAProxy, 3 NATS servers, 2 agent replicas");
        await using var stack = await MeshStack.StartAsync(new MeshStackOptions { Directory = directory, HighAvailability = true });
        var suite = new ChaosSuite(stack, line => Console.WriteLine($"[chaos] {line}"));
        var rows = new List<ChaosRow>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var fault in Enum.GetValues<ChaosFault>())
            {
                rows.Add(await suite.RunAsync(fault));
            }
        }

        Console.WriteLine();
        Console.WriteLine(ChaosTable.Format(rows));
        var mutationsLost = rows.Sum(row => row.CreatesLost + row.CreatesDuplicated);
        Console.WriteLine($"mutations lost or duplicated: {mutationsLost}; rows whose load did not serve again: {rows.Count(row => !row.ServedAgain)}; " +
            $"rows whose victim did not rejoin: {rows.Count(row => !row.PeersRecovered)}");
        return mutationsLost == 0 && rows.All(row => row.ServedAgain && row.PeersRecovered) ? 0 : 1;
    }
}

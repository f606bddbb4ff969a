namespace Ankra.Mesh.Demo.Chaos;

/// <summary>One request of a load loop: when it started and ended (since the suite's start), and whether it succeeded.</summary>
internal readonly record struct OperationRecord(string Loop, TimeSpan Start, TimeSpan End, bool Ok, string? Error);

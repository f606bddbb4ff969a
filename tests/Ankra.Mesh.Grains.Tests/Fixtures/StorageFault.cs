namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>How <see cref="FaultyGrainStorage"/> fails for one grain.</summary>
internal enum StorageFault
{
    /// <summary>Reads and writes throw and store nothing (the database is stopped).</summary>
    Down,

    /// <summary>Writes are stored, then throw (the connection died after the commit: outcome unknown to the grain).</summary>
    CommitThenThrow,
}

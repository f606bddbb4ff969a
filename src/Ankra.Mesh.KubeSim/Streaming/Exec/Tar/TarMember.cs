namespace Ankra.Mesh.KubeSim.Streaming.Exec.Tar;

/// <summary>A path named on the command line, with the <c>-C</c> directory in force where it appeared.</summary>
internal readonly record struct TarMember(string Directory, string Path);

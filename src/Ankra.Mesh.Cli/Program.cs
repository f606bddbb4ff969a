using System.CommandLine;

var root = new RootCommand("ankra: reach your private Kubernetes clusters with plain kubectl.");
return root.Parse(args).Invoke();

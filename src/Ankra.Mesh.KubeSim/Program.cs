using Ankra.Mesh.KubeSim.Hosting;

// Standalone simulated Kubernetes API server. Settings: Mesh:KubeSim:* (e.g. --Mesh:KubeSim:HttpsPort=6443
// --Mesh:KubeSim:CaFile=/tmp/kubesim-ca.crt --Mesh:KubeSim:UserTokens:alice-token=alice:developers).
return await KubeSimProgram.RunAsync(args);

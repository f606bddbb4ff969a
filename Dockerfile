# syntax=docker/dockerfile:1
# One image per deployable, all built from one restore and publish stage (any OCI builder; buildah needs no daemon
# and no root):
#   buildah bud --layers --target edge  -t ankra-mesh/edge  .      # or: docker build / podman build, same flags
#   buildah bud --layers --target silo  -t ankra-mesh/silo  .
#   buildah bud --layers --target agent -t ankra-mesh/agent .
#   buildah bud --layers --target cli   -t ankra-mesh/cli   .
# Base images are pinned to exact .NET versions (the runtime matches the Microsoft.AspNetCore/Extensions packages in
# Directory.Packages.props). Release builds pin the digest as well, e.g.
#   --build-arg ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble@sha256:<digest>
# Runtime images run as the non-root `app` user of the .NET images, by number (uid 1654), so Kubernetes'
# runAsNonRoot can verify it; the application files stay owned by root, so the process cannot change them.
# tests/Ankra.Mesh.Deploy.Tests/DockerfileTests.cs checks these rules.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0.12-noble

FROM ${SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Restore first, from project files only, so source edits do not invalidate the package layer. Every project the
# four deployables reference must be listed here.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/Ankra.Mesh.Contracts/*.csproj src/Ankra.Mesh.Contracts/
COPY src/Ankra.Mesh.Tunnel/*.csproj src/Ankra.Mesh.Tunnel/
COPY src/Ankra.Mesh.NatsAuth/*.csproj src/Ankra.Mesh.NatsAuth/
COPY src/Ankra.Mesh.Grains.Abstractions/*.csproj src/Ankra.Mesh.Grains.Abstractions/
COPY src/Ankra.Mesh.Grains/*.csproj src/Ankra.Mesh.Grains/
COPY src/Ankra.Mesh.Hosting/*.csproj src/Ankra.Mesh.Hosting/
COPY src/Ankra.Mesh.Hosting.Silo/*.csproj src/Ankra.Mesh.Hosting.Silo/
COPY src/Ankra.Mesh.ServiceDefaults/*.csproj src/Ankra.Mesh.ServiceDefaults/
COPY src/Ankra.Mesh.Kubeconfig/*.csproj src/Ankra.Mesh.Kubeconfig/
COPY src/Ankra.Mesh.PrivateCa/*.csproj src/Ankra.Mesh.PrivateCa/
COPY src/Ankra.Mesh.Silo/*.csproj src/Ankra.Mesh.Silo/
COPY src/Ankra.Mesh.Edge/*.csproj src/Ankra.Mesh.Edge/
COPY src/Ankra.Mesh.Agent/*.csproj src/Ankra.Mesh.Agent/
COPY src/Ankra.Mesh.Cli/*.csproj src/Ankra.Mesh.Cli/
RUN for project in Edge Silo Agent Cli; do dotnet restore src/Ankra.Mesh.$project || exit 1; done
# The edge embeds the agent's manifests (served as install.yaml) and the gateway audit table's DDL.
COPY k8s/agent/ k8s/agent/
COPY deploy/sql/Ankra-GatewayAudit.sql deploy/sql/
COPY src/ src/
RUN for project in Edge Silo Agent Cli; do \
      dotnet publish src/Ankra.Mesh.$project -c Release --no-restore -o /out/$project -p:UseAppHost=false || exit 1; \
    done

FROM ${ASPNET_IMAGE} AS runtime-base
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080 DOTNET_gcServer=1
USER 1654:1654

FROM runtime-base AS edge
COPY --from=build /out/Edge /app
# 8443: HTTPS (kubectl, gRPC, portal; configured by Kestrel__Endpoints__Https__*), 8080: health and metrics.
EXPOSE 8080 8443
ENTRYPOINT ["dotnet", "/app/Ankra.Mesh.Edge.dll"]

FROM runtime-base AS silo
COPY --from=build /out/Silo /app
# 11111: silo-to-silo, 30000: gateway for Orleans clients (the edges), 8080: health and metrics.
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "/app/Ankra.Mesh.Silo.dll"]

FROM runtime-base AS agent
# One agent replica serves one cluster's streams: workstation GC keeps its memory small.
ENV DOTNET_gcServer=0
COPY --from=build /out/Agent /app
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/Ankra.Mesh.Agent.dll"]

FROM ${RUNTIME_IMAGE} AS cli
WORKDIR /app
COPY --from=build /out/Cli /app
USER 1654:1654
ENTRYPOINT ["dotnet", "/app/ankra.dll"]

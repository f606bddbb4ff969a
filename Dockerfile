# syntax=docker/dockerfile:1
# One image per deployable, all built from one restore and publish stage:
#   docker build --target edge  -t ankra-mesh/edge  .
#   docker build --target silo  -t ankra-mesh/silo  .
#   docker build --target agent -t ankra-mesh/agent .
#   docker build --target cli   -t ankra-mesh/cli   .
# Runtime images run as the non-root `app` user (uid 1654) that the .NET base images define.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Restore first, from project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/Ankra.Mesh.Contracts/*.csproj src/Ankra.Mesh.Contracts/
COPY src/Ankra.Mesh.Tunnel/*.csproj src/Ankra.Mesh.Tunnel/
COPY src/Ankra.Mesh.Grains.Abstractions/*.csproj src/Ankra.Mesh.Grains.Abstractions/
COPY src/Ankra.Mesh.Grains/*.csproj src/Ankra.Mesh.Grains/
COPY src/Ankra.Mesh.ServiceDefaults/*.csproj src/Ankra.Mesh.ServiceDefaults/
COPY src/Ankra.Mesh.Silo/*.csproj src/Ankra.Mesh.Silo/
COPY src/Ankra.Mesh.Edge/*.csproj src/Ankra.Mesh.Edge/
COPY src/Ankra.Mesh.Agent/*.csproj src/Ankra.Mesh.Agent/
COPY src/Ankra.Mesh.Cli/*.csproj src/Ankra.Mesh.Cli/
RUN for project in Edge Silo Agent Cli; do dotnet restore src/Ankra.Mesh.$project; done
COPY src/ src/
RUN for project in Edge Silo Agent Cli; do \
      dotnet publish src/Ankra.Mesh.$project -c Release --no-restore -o /out/$project -p:UseAppHost=false || exit 1; \
    done

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime-base
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080 DOTNET_gcServer=1
USER $APP_UID

FROM runtime-base AS edge
COPY --from=build --chown=$APP_UID /out/Edge /app
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/Ankra.Mesh.Edge.dll"]

FROM runtime-base AS silo
COPY --from=build --chown=$APP_UID /out/Silo /app
# 11111: silo-to-silo, 30000: gateway for Orleans clients (the edges), 8080: health and metrics.
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "/app/Ankra.Mesh.Silo.dll"]

FROM runtime-base AS agent
ENV DOTNET_gcServer=0
COPY --from=build --chown=$APP_UID /out/Agent /app
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/Ankra.Mesh.Agent.dll"]

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS cli
WORKDIR /app
COPY --from=build /out/Cli /app
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/ankra.dll"]

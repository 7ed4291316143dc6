# syntax=docker/dockerfile:1
# The cx command, built once for every service image. scripts/build-images builds it as cx:<tag>,
# then each service's image (deploy/images/<service>.Dockerfile) on top of it, so the services
# share one build and one set of layers. Its own entrypoint is `cx`, e.g. for the migration step:
#   docker run --rm -e Cx__Backend=dapr -e ConnectionStrings__measurement=... cx:<tag> db migrate --service measurement
# Build context: the repository root (see .dockerignore).

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY . .
# The package cache outlives the build, so a source change does not download every package again.
RUN --mount=type=cache,id=cx-nuget,target=/root/.nuget/packages \
    dotnet publish services/Cx.Host/Cx.Host.csproj --configuration Release --output /out -p:UseAppHost=false

# Chiseled: no shell, no package manager, an unprivileged user. The "extra" variant carries tzdata,
# which governance needs to count SLA hours in each tenant's time zone.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /out/ ./
# The image's own unprivileged user (UID 1654), never root.
USER $APP_UID
# Fit for a read-only root filesystem: the only writable paths are these, mounted by the
# deployment (an emptyDir each). Kestrel's ports come from Cx__Ports__*, not ASPNETCORE_HTTP_PORTS.
ENV TMPDIR=/tmp \
    Cx__DataDirectory=/var/lib/cx \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# A service's defaults: HTTP/1.1 (REST, probes, Dapr) on 8080, gRPC (HTTP/2) on 8081.
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "/app/cx.dll"]

# Multi-stage build of the portal. Not built in this project's CI (no Docker engine there): see README.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props DistrictTraining.sln ./
COPY src/Directory.Build.props src/BannedSymbols.txt src/
COPY src/DistrictTraining.Core/DistrictTraining.Core.csproj src/DistrictTraining.Core/
COPY src/DistrictTraining.Web/DistrictTraining.Web.csproj src/DistrictTraining.Web/
RUN dotnet restore src/DistrictTraining.Web/DistrictTraining.Web.csproj
COPY src/ src/
RUN dotnet publish src/DistrictTraining.Web/DistrictTraining.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The full (non-chiseled) aspnet image ships ICU, which Vietnamese sorting and vi-VN formats need;
# curl is added for the container health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data \
    Serilog__File__Path=/data/logs/portal-.log
WORKDIR /app
COPY --from=build /app ./
RUN groupadd --system portal && useradd --system --gid portal --home /app portal \
    && mkdir -p /data && chown portal:portal /data
USER portal
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "DistrictTraining.Web.dll"]

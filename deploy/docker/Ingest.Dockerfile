# The ingest producer: replays ECG5000 (mounted at /data) or synthetic beats into Kafka at a chosen rate.
# Build from the repository root:  docker build -f deploy/docker/Ingest.Dockerfile -t ecgstream-ingest .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Ingest/EcgStream.Ingest.csproj -c Release -o /app --runtime linux-x64 --self-contained false

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["dotnet", "EcgStream.Ingest.dll"]

# The detector: Kafka -> batched LSTM-autoencoder inference -> Kafka, with /metrics, /healthz, /readyz and the live page on :9464.
# Build from the repository root:  docker build -f deploy/docker/Detector.Dockerfile -t ecgstream-detector .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Only the service and the libraries it references: the tools (demo, bench, soak, test broker) and the ingest stay out.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Beats/ src/Beats/
COPY src/Kafka/ src/Kafka/
COPY src/Model/ src/Model/
COPY src/Detector/ src/Detector/
RUN dotnet publish src/Detector/EcgStream.Detector.csproj -c Release -o /app --runtime linux-x64 --self-contained false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The shipped default model and beat classifier; mount other files over them or set Engine__ModelPath and
# Engine__ClassifierPath to use your own (Engine__ClassifierPath= empty runs without the classifier).
COPY models/ /app/models/
ENV ASPNETCORE_URLS=http://0.0.0.0:9464 \
    DOTNET_gcServer=0
EXPOSE 9464
USER app
ENTRYPOINT ["dotnet", "EcgStream.Detector.dll"]

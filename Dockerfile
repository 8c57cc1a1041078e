# syntax=docker/dockerfile:1
# Storyboard in one container: the .NET SDK builds it, Debian slim runs it with Debian's ffmpeg.
#   docker build -t storyboard .
#   docker run -d --name storyboard -p 8080:8080 -v storyboard-data:/data storyboard
# Everything the app keeps (database, media, logs, backups) lives in the one /data volume. The app runs as UID 1654:
# a bind-mounted host folder (-v /srv/storyboard:/data) must be writable by that UID.

# ---- build -------------------------------------------------------------------------------------------------
# Built on the platform it will run on: publish precompiles (ReadyToRun) for the publishing machine's platform.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# What publish reads: the SDK pin, the shared build settings and package versions, the web project, and the
# top-level migrations/ and wwwroot/ it compiles and copies in. (dotnet-tools.json only pins dotnet-ef for
# writing migrations; publish does not need it.)
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Storyboard.Web/Storyboard.Web.csproj Storyboard.Web/
RUN dotnet restore Storyboard.Web/Storyboard.Web.csproj
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
COPY Storyboard.Web/ Storyboard.Web/
# The same publish as test.sh, bench/run.sh and PublishedAppTests (Storyboard.Tests/Infrastructure/PublishCommand.cs);
# only the output folder differs. DockerfileTests fails if this line drifts from them.
RUN dotnet publish Storyboard.Web/Storyboard.Web.csproj -c Release -o /app

# ---- run ---------------------------------------------------------------------------------------------------
# Microsoft ships no Debian images for .NET 10 (its default tags are Ubuntu), so the ASP.NET Core runtime is
# copied from the official aspnet image onto Debian 12 slim: the Debian release, and so the ffmpeg 5.1, that
# test.sh and CI run against.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS aspnet

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ffmpeg curl ca-certificates tzdata libstdc++6 zlib1g \
    && rm -rf /var/lib/apt/lists/*
COPY --from=aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet

# The same unprivileged user as Microsoft's images: app, UID 1654.
ENV APP_UID=1654
RUN groupadd --gid "$APP_UID" app \
    && useradd --uid "$APP_UID" --gid app --create-home --shell /usr/sbin/nologin app \
    && mkdir /data \
    && chown app:app /data

WORKDIR /app
COPY --from=build /app ./

ENV STORYBOARD_DATA=/data \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=true
USER $APP_UID
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "Storyboard.Web.dll"]

#!/usr/bin/env bash
# Benchmarks the published app: start-up, resident memory, and the project dashboard under 10 concurrent clients;
# then the timeline of a full project (4-minute song, 40 scenes, 300 clips, 100 alternates): the whole-song page under
# 10 clients, its HTML size, and the clip move round trip; then GPU generation: 200 SDXL image jobs over 4 fake ComfyUI
# servers (0.5, 1, 1.5 and 2 s a job; the tests' fake, compiled into the bench) registered and queued through the JSON API
# like a user's script: makespan against the ideal, idle gaps on servers while jobs wait, app CPU per job, and the delay
# from a server finishing to the image being in the gallery. Extra arguments go to the bench (--starts N --clients N
# --requests N --warmup N --timeline-requests N --moves N --only dashboard|timeline|generation|animatic|exports). Results are also saved
# in bench/results/. Figures are only comparable on a quiet machine: run it twice and compare.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require.sh
require_packages ffmpeg:ffmpeg ffprobe:ffmpeg

# The same publish as test.sh and the Dockerfile (see Storyboard.Tests/Infrastructure/PublishCommand.cs).
rm -rf artifacts/publish
dotnet publish Storyboard.Web/Storyboard.Web.csproj -c Release -o artifacts/publish
dotnet build bench/Storyboard.Bench/Storyboard.Bench.csproj -c Release
dotnet bench/Storyboard.Bench/bin/Release/net10.0/Storyboard.Bench.dll --app artifacts/publish --results bench/results "$@"

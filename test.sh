#!/usr/bin/env bash
# Runs every test: unit, page, API, media (real ffmpeg), the published app, and end-to-end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require.sh
require_packages ffmpeg:ffmpeg ffprobe:ffmpeg chromium:chromium xmllint:libxml2-utils

dotnet build Storyboard.sln -c Release
# The one publish command: the Dockerfile and bench/run.sh run the same line, PublishedAppTests start this output
# (Storyboard.Tests/Infrastructure/PublishCommand.cs; DockerfileTests keeps them equal).
rm -rf artifacts/publish
dotnet publish Storyboard.Web/Storyboard.Web.csproj -c Release -o artifacts/publish
rm -rf artifacts/test-results
status=0
dotnet test Storyboard.sln -c Release --no-build --logger "trx;LogFileName=results.trx" \
  --results-directory artifacts/test-results "$@" || status=$?

counters=$(grep -ho '<Counters [^>]*>' artifacts/test-results/*.trx 2>/dev/null | head -n 1 || true)
passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status

#!/usr/bin/env bash
# Runs Storyboard on http://127.0.0.1:5080 with its data in ./data (STORYBOARD_DATA and --urls change both).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require.sh
require_packages ffmpeg:ffmpeg ffprobe:ffmpeg
exec dotnet run --project Storyboard.Web/Storyboard.Web.csproj -c Release -- "$@"

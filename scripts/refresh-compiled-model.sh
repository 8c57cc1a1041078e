#!/usr/bin/env bash
# Regenerates the EF Core compiled model (Storyboard.Web/Data/CompiledModel) after an entity or configuration
# changes; scripts/add-migration.sh runs it. CompiledModelTests fails until it has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
fresh=$(mktemp -d)
dotnet ef dbcontext optimize --project Storyboard.Web --output-dir "$fresh" --namespace Storyboard.Web.Data.CompiledModel
rm -rf Storyboard.Web/Data/CompiledModel
mkdir -p Storyboard.Web/Data/CompiledModel
cp "$fresh"/*.cs Storyboard.Web/Data/CompiledModel/
rm -rf "$fresh"

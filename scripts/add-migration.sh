#!/usr/bin/env bash
# Adds an EF Core migration to migrations/ and refreshes the compiled model, after an entity or configuration changes.
#   scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
dotnet tool restore
dotnet ef migrations add "$name" --project Storyboard.Web --output-dir ../migrations --namespace Storyboard.Web.Migrations
# EF writes the snapshot beside the project when migrations live outside it; keep it with the migrations.
if [[ -f Storyboard.Web/Storyboard/Web/Migrations/StoryboardDbContextModelSnapshot.cs ]]; then
  mv Storyboard.Web/Storyboard/Web/Migrations/StoryboardDbContextModelSnapshot.cs migrations/
  rm -rf Storyboard.Web/Storyboard
fi
scripts/refresh-compiled-model.sh

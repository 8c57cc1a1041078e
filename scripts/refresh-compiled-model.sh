#!/usr/bin/env bash
# Regenerates the EF Core compiled model (Storyboard.Web/Data/CompiledModel) after an entity or configuration
# changes, alongside `dotnet ef migrations add`. CompiledModelTests fails until this has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
rm -rf Storyboard.Web/Data/CompiledModel
dotnet ef dbcontext optimize --project Storyboard.Web --output-dir Data/CompiledModel --namespace Storyboard.Web.Data.CompiledModel

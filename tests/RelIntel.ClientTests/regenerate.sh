#!/usr/bin/env bash
# Regenerates Generated/RelIntelClient.cs with RelIntel.nswag from the OpenAPI document of the service, run in-process on a
# test Neo4j (as `dotnet test` starts one) with the settings of a Development service: the drift test of
# tests/RelIntel.Tests/Foundation/GeneratedClientTests.cs, told to write what it generates. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore
RELINTEL_REGENERATE_CLIENT=true dotnet test tests/RelIntel.Tests --filter "FullyQualifiedName~GeneratedClientTests"

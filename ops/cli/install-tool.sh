#!/usr/bin/env bash
# Packs the CLI (src/Provisioning.Cli) as the .NET tool WfpProvisioner.Cli and installs it as `wfp`.
#   ops/cli/install-tool.sh                 # into ~/.dotnet/tools (on PATH once `dotnet tool` has set it up)
#   ops/cli/install-tool.sh /opt/wfp/bin    # into another folder
# Needs nothing from a package feed: the package carries the CLI and its dependencies, and feeds that cannot be
# reached are ignored. PACKAGES overrides where the .nupkg goes (default artifacts/packages).
# Prints the installed `wfp --version` as its last line.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
tool_path="${1:-$HOME/.dotnet/tools}"
packages="${PACKAGES:-$root/artifacts/packages}"

dotnet pack "$root/src/Provisioning.Cli" -c Release -o "$packages" --nologo >&2
# A copy already there (perhaps of the same version, rebuilt) is replaced.
dotnet tool uninstall --tool-path "$tool_path" WfpProvisioner.Cli >/dev/null 2>&1 || true
dotnet tool install --tool-path "$tool_path" --add-source "$packages" --ignore-failed-sources WfpProvisioner.Cli >&2
"$tool_path/wfp" --version

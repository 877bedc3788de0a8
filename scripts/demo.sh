#!/usr/bin/env bash
# The main job: installs what is missing, builds, then shows stackcap at work.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec "$STACKCAP_ROOT/examples/demo.sh"

#!/usr/bin/env bash
# FCPXML conformance, run by .ci/run after ./test.sh: the fixture exports the suite wrote to artifacts/fcpxml/ are
# validated with xmllint against Apple's DTDs, which stay in ../shared/reference/fcpxml-dtd (never copied into the
# repository; /work/shared when the clone is elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require.sh
require_packages xmllint:libxml2-utils
dtds="$(pwd)/../shared/reference/fcpxml-dtd"
[ -d "$dtds" ] || dtds=/work/shared/reference/fcpxml-dtd
shopt -s nullglob
fcpxml=(artifacts/fcpxml/*-v1.*.fcpxml)
if [ ${#fcpxml[@]} -eq 0 ]; then
  echo "FCPXML check: no artifacts/fcpxml/*-v1.X.fcpxml; FcpxmlDtdTests writes them during the suite" >&2
  exit 1
fi
for file in "${fcpxml[@]}"; do
  version="${file##*-v}"
  version="${version%.fcpxml}"
  dtd="$dtds/FCPXMLv${version/./_}.dtd"
  if [ ! -f "$dtd" ]; then
    echo "FCPXML check: Apple's DTD for FCPXML $version is missing ($dtd)" >&2
    exit 1
  fi
  xmllint --noout --dtdvalid "$dtd" "$file" || { echo "FCPXML check: $file is not valid FCPXML $version" >&2; exit 1; }
done
echo "FCPXML check: ${#fcpxml[@]} files valid against Apple's DTDs"

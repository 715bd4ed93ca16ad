#!/bin/sh
# Rebuild the printer edition's CMYK output profile, themes/default/print/FOGRA39L-coated.icc
# (the output intent of catalogue-print.pdf; see themes/default/print/README.md).
#
# Source: FOGRA39L.ti3 from Debian's icc-profiles-free, the FOGRA39 characterisation data
# (offset printing on coated paper, ISO 12647-2:2004/Amd 1) distributed by Kai-Uwe Behrmann
# under the zlib licence, which allows shipping a profile made from it. The profile is built
# with ArgyllCMS's colprof (medium quality, perceptual and colorimetric tables).
# Needs: apt-get install -y icc-profiles-free argyll
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/themes/default/print/FOGRA39L-coated.icc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
colprof -qm -cmt -dpp \
  -D "Showroom FOGRA39L coated (ISO 12647-2), built from icc-profiles-free FOGRA39L.ti3" \
  -C "Zlib licence; characterization data FOGRA39L.ti3 (c) Kai-Uwe Behrmann, Fogra" \
  FOGRA39L
cp FOGRA39L.icc "$out"
echo "wrote $out"

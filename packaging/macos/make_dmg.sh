#!/usr/bin/env bash
# Make dist/Casebook-<version>.dmg from dist/Casebook.app (macOS only; uses hdiutil).
#   uv run --group packaging python packaging/build.py
#   bash packaging/macos/make_dmg.sh
# The disk image holds the app and a link to /Applications to drag it onto.
set -euo pipefail
cd "$(dirname "$0")/../.."
app="dist/Casebook.app"
[ -d "$app" ] || { echo "make_dmg: $app not found: build it first (packaging/README.md)" >&2; exit 1; }
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
out="dist/Casebook-$version.dmg"
rm -f "$out"
hdiutil create -volname "Casebook $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
echo "make_dmg: made $out"

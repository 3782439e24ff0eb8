#!/usr/bin/env bash
# Install Casebook for this user, no root: the bundle in ~/.local/opt/Casebook, a menu entry,
# an icon and `casebook` on PATH (~/.local/bin). Run it from the unpacked Casebook folder.
# ./install.sh --uninstall removes them again; your data folder (~/.local/share/...) is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/Casebook"
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$HOME/.local/bin/casebook" "$dest/applications/casebook.desktop" \
    "$dest/icons/hicolor/256x256/apps/casebook.png"
  echo "Casebook removed (your data folder is kept)."
  exit 0
fi
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$dest/applications" "$dest/icons/hicolor/256x256/apps"
if [ "$here" != "$opt" ]; then rm -rf "$opt"; cp -a "$here" "$opt"; fi
ln -sf "$opt/casebook" "$HOME/.local/bin/casebook"
cp "$opt/casebook.png" "$dest/icons/hicolor/256x256/apps/casebook.png"
sed "s|^Exec=casebook|Exec=$opt/casebook|" "$opt/casebook.desktop" > "$dest/applications/casebook.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$dest/applications" || true
echo "Casebook installed: find it in your applications menu, or run: casebook"

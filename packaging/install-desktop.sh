#!/bin/sh
# Install Allocator's desktop entry and icons for the current user (Linux, XDG).
#
#   dist/allocator/install-desktop.sh          # frozen app: menu entry runs this folder's binary
#   packaging/install-desktop.sh               # wheel/pipx install: menu entry runs `allocator` from PATH
#   packaging/install-desktop.sh --uninstall
#
# Writes under ${XDG_DATA_HOME:-~/.local/share}: applications/allocator.desktop,
# icons/hicolor/<N>x<N>/apps/allocator.png (+ scalable SVG) and the file type
# of saved allocations (mime/packages/allocator.xml, *.alloc.json), so a
# double-clicked allocation opens in Allocator.  No root needed.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
SIZES="16 24 32 48 64 128 256 512"

if [ -x "$HERE/allocator" ] && [ -d "$HERE/_internal/allocator/resources" ]; then
    RES="$HERE/_internal/allocator/resources"          # next to the frozen binary
    EXEC="\"$HERE/allocator\""
else
    RES="$HERE/../resources"                             # source checkout
    EXEC="allocator"
fi

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DATA/applications/allocator.desktop" "$DATA/icons/hicolor/scalable/apps/allocator.svg" \
          "$DATA/mime/packages/allocator.xml"
    for n in $SIZES; do rm -f "$DATA/icons/hicolor/${n}x${n}/apps/allocator.png"; done
    echo "removed Allocator's desktop entry and icons from $DATA"
    exit 0
fi

for n in $SIZES; do
    mkdir -p "$DATA/icons/hicolor/${n}x${n}/apps"
    cp "$RES/icons/allocator-$n.png" "$DATA/icons/hicolor/${n}x${n}/apps/allocator.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps" "$DATA/applications"
cp "$RES/icons/allocator.svg" "$DATA/icons/hicolor/scalable/apps/allocator.svg"
sed "s|^Exec=allocator |Exec=$EXEC |" "$RES/allocator.desktop" > "$DATA/applications/allocator.desktop"
chmod 644 "$DATA/applications/allocator.desktop"

if [ -f "$HERE/allocator-mime.xml" ]; then
    mkdir -p "$DATA/mime/packages"
    cp "$HERE/allocator-mime.xml" "$DATA/mime/packages/allocator.xml"
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" || true
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
echo "installed $DATA/applications/allocator.desktop (Exec=$EXEC)"

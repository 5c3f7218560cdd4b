#!/usr/bin/env bash
# Build the Debian package from the PyInstaller bundle: `bash packaging/build-deb.sh [BUNDLE]`.
#
# BUNDLE defaults to build/dist/socially-aware (made by packaging/build.sh, which is run first when
# it is missing). The package installs:
#   /usr/lib/socially-aware/                  the bundle (Python, Qt and the libraries wheels ship)
#   /usr/bin/socially-aware, socially-aware-gui
#   /usr/share/applications, metainfo, icons  desktop integration (org.sociallyaware.SociallyAware)
#   /etc/xdg/SociallyAware/checklists/        IT's folder: deployment.yaml (pack_keys), organisation.yaml
# Libraries PyInstaller copied from this machine that a Debian package provides are taken out of the
# bundle and become dependencies instead (found with dpkg -S and dpkg-shlibdeps), so security updates
# to them reach the app. Output: build/socially-aware_VERSION_ARCH.deb (or $DEB_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bundle=${1:-build/dist/socially-aware}
if [ ! -x "$bundle/socially-aware" ]; then
  nice -n 10 bash packaging/build.sh
fi
bundle=$(cd "$bundle" && pwd)
package=socially-aware
app_id=org.sociallyaware.SociallyAware
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop/socially_aware/__init__.py)-${DEB_REVISION:-1}
arch=$(dpkg --print-architecture)
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine)
out=${DEB_OUT:-$root/build/${package}_${version}_${arch}.deb}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
mkdir -p "$pkg/DEBIAN" "$pkg/usr/lib" "$pkg/usr/bin"

# -- the bundle, minus what Debian provides ------------------------------------------------------------
cp -a "$bundle" "$pkg/usr/lib/$package"
internal=$pkg/usr/lib/$package/_internal
removed=0
if [ -d "$internal" ]; then
  for lib in "$internal"/lib*.so*; do
    [ -f "$lib" ] && [ ! -L "$lib" ] || continue
    name=$(basename "$lib")
    case "$name" in libpython*) continue ;; esac  # the bundle's own Python build
    owner=""
    for dir in "/usr/lib/$triplet" "/lib/$triplet"; do
      if [ -e "$dir/$name" ]; then owner=$(dpkg -S "$dir/$name" 2>/dev/null | head -1 | cut -d: -f1) && break; fi
    done
    [ -n "$owner" ] || continue
    rm -f "$lib"
    find "$internal" -maxdepth 1 -lname "*$name" -delete
    removed=$((removed + 1))
  done
fi
echo "taken out of the bundle (Debian provides them): $removed libraries"
# Shared objects are data to the loader, not programs; and a search path the build machine's Python
# left in them (e.g. a pyenv prefix) would make the app look for libraries there on every desk.
find "$pkg/usr/lib/$package" -type f -name '*.so*' -exec chmod 0644 {} +
if command -v patchelf >/dev/null; then
  while IFS= read -r -d '' elf; do
    runpath=$(patchelf --print-rpath "$elf" 2>/dev/null) || continue
    kept=$(tr ':' '\n' <<< "$runpath" | { grep '^\$ORIGIN' || true; } | paste -sd: -)  # only paths inside the bundle
    [ "$kept" = "$runpath" ] && continue
    if [ -n "$kept" ]; then patchelf --set-rpath "$kept" "$elf"; else patchelf --remove-rpath "$elf"; fi
  done < <(find "$pkg/usr/lib/$package/_internal" -type f -name '*.so*' -print0)
else
  echo "patchelf is not installed: build-machine library paths stay in the Python modules" >&2
fi
ln -s "../lib/$package/socially-aware" "$pkg/usr/bin/socially-aware"
ln -s "../lib/$package/socially-aware" "$pkg/usr/bin/socially-aware-gui"

# -- desktop integration, documentation, IT's folder --------------------------------------------------
install -Dm644 "packaging/linux/$app_id.desktop" "$pkg/usr/share/applications/$app_id.desktop"
install -Dm644 "packaging/linux/$app_id.metainfo.xml" "$pkg/usr/share/metainfo/$app_id.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
  install -Dm644 "assets/icons/socially-aware-$size.png" "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
install -Dm644 packaging/debian/checklists-README "$pkg/etc/xdg/SociallyAware/checklists/README"
install -Dm644 packaging/debian/copyright "$pkg/usr/share/doc/$package/copyright"
gzip -9nc packaging/debian/changelog > "$stage/changelog.Debian.gz"
install -Dm644 "$stage/changelog.Debian.gz" "$pkg/usr/share/doc/$package/changelog.Debian.gz"
gzip -9nc packaging/debian/socially-aware.1 > "$stage/socially-aware.1.gz"
install -Dm644 "$stage/socially-aware.1.gz" "$pkg/usr/share/man/man1/socially-aware.1.gz"
ln -s socially-aware.1.gz "$pkg/usr/share/man/man1/socially-aware-gui.1.gz"
install -Dm644 packaging/debian/lintian-overrides "$pkg/usr/share/lintian/overrides/$package"

# -- dependencies: every ELF file in the package, resolved against the bundle, then the system ---------
mkdir -p "$stage/shlibs/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$package" "$package" > "$stage/shlibs/debian/control"
mapfile -t elves < <(find "$pkg/usr/lib/$package" -type f \( -name '*.so*' -o -name "$package" \) \
  -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
search=()
while IFS= read -r dir; do search+=("-l$dir"); done < <(find "$pkg/usr/lib/$package" -type f -name '*.so*' -printf '%h\n' | sort -u)
depends=""
if [ "${#elves[@]}" -gt 0 ]; then
  depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 "${search[@]}" "${elves[@]}" 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p')
fi
installed_kb=$(du -sk --apparent-size "$pkg" | cut -f1)

cat > "$pkg/DEBIAN/control" <<EOF
Package: $package
Version: $version
Architecture: $arch
Maintainer: Socially Aware maintainers <socially-aware@example.org>
Installed-Size: $installed_kb
${depends:+Depends: $depends
}Section: utils
Priority: optional
Homepage: https://github.com/socially-aware/socially-aware
Description: private, offline social media privacy assistant
 Socially Aware helps border agency staff lock down their social media
 accounts with checklists, clean location and device details from photos
 and videos, find accounts made with a work email address and review what
 they already posted, all offline on their own computer.
 .
 IT departments can deploy signed checklist updates (.sapack files) and
 lock the organisation profile through /etc/xdg/SociallyAware/checklists/.
EOF
echo "/etc/xdg/SociallyAware/checklists/README" > "$pkg/DEBIAN/conffiles"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/conffiles" "$pkg/DEBIAN/md5sums"
find "$pkg" -type d -exec chmod 0755 {} +
mkdir -p "$(dirname "$out")"
# xz at a low level: a few hundred MB at -6 take a quarter of an hour on a busy two-core builder.
dpkg-deb --root-owner-group -Zxz -z"${DEB_XZ_LEVEL:-2}" --build "$pkg" "$out" >/dev/null
echo "built $out ($(du -h "$out" | cut -f1), installed $((installed_kb / 1024)) MiB)"
if command -v lintian >/dev/null; then
  lintian --no-tag-display-limit "$out" || true
fi

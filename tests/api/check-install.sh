#!/usr/bin/env bash
# check-install.sh BUILD_DIR INCLUDE_DIR VERSION SANITIZE CC...
#
# Installs the build into a temporary staging directory (meson install
# --destdir) and uses it the way a calling system would: finds the compiler
# and linker flags with pkg-config alone, builds a small program against the
# installed headers and shared library, runs it, and checks the SONAME. Also
# links the static archive with `pkg-config --static` to prove the private
# dependencies are listed. Ends with "install: N passed, N failed".
#
# SANITIZE is meson's b_sanitize ("none" or e.g. "address,undefined"): a
# sanitizer build's library needs the same runtime in the program.
set -uo pipefail

build="$1" include="$2" version="$3" sanitize="$4"
shift 4
cc=("$@")
soname="libmentormatch.so.${version%%.*}"

passed=0 failed=0
check() { # description command...
  local what="$1"; shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what"
  fi
}
finish() {
  echo "install: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/stage"
san=()
[ "$sanitize" = none ] || san=("-fsanitize=$sanitize")

if ! meson install --no-rebuild --quiet --destdir "$stage" -C "$build" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  check "meson install --destdir" false
  finish
fi
check "meson install --destdir" true

pc="$(find "$stage" -name mentormatch.pc -path '*/pkgconfig/*' | head -n 1)"
if [ -z "$pc" ]; then
  check "the install has a pkgconfig/mentormatch.pc" false
  finish
fi
check "the install has a pkgconfig/mentormatch.pc" true

# Headers: exactly the public ones, in one directory (private *.h stay out).
headers_dir="$(dirname "$(find "$stage" -name mentormatch.h | head -n 1)")"
diff <(cd "$include" && ls -1 -- *.h) <(cd "$headers_dir" && ls -1 -- *.h) >"$tmp/headers.diff"
check "installed headers are exactly include/*.h: $(cat "$tmp/headers.diff")" \
  test ! -s "$tmp/headers.diff"

# The .pc names the real /usr/local prefix; a staging tree lives elsewhere, so
# point its prefix into the stage (what a distribution's build does).
prefix="$(sed -n 's/^prefix=//p' "$pc")"
sed -i "s|^prefix=.*|prefix=$stage$prefix|" "$pc"
export PKG_CONFIG_PATH="$(dirname "$pc")"

pkgconf() { pkg-config "$@" mentormatch; }
check "pkg-config --modversion is $version" test "$(pkgconf --modversion)" = "$version"
check "pkg-config Requires: glib-2.0" grep -q glib-2.0 <(pkgconf --print-requires)
check "pkg-config --cflags brings GLib's include directory (Requires works)" \
  grep -q -- "-I[^ ]*glib-2.0" <(pkgconf --cflags)
check "pkg-config --cflags points into the installed headers" \
  grep -qF -- "-I$headers_dir" <(pkgconf --cflags)
check "pkg-config --libs links -lmentormatch and GLib" \
  grep -q -- "-lmentormatch.*-lglib-2.0" <(pkgconf --libs)

# A caller that knows only the installed headers and pkg-config.
cat >"$tmp/caller.c" <<'C'
#include <mentormatch.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  if (strcmp(mm_version(), MM_VERSION_STRING) != 0)
    return 3;
  g_autoptr(MmPool) pool = mm_pool_new();
  const MmField mentee[] = {{"id", "YP1"}, {"age", "16"}};
  const MmField mentor[] = {{"id", "M1"}, {"age", "30"}, {"checks_cleared", "yes"},
                            {"training_hours", "4"}};
  if (!mm_pool_add_person(pool, MM_SIDE_MENTEE, mentee, G_N_ELEMENTS(mentee), "caller", 1, NULL) ||
      !mm_pool_add_person(pool, MM_SIDE_MENTOR, mentor, G_N_ELEMENTS(mentor), "caller", 2, NULL) ||
      !mm_pool_prepare(pool, NULL, NULL))
    return 4;
  g_autoptr(MmConfig) config = mm_config_new();
  g_autoptr(MmMatching) matching = mm_match(pool, config, NULL, NULL);
  gint mentor_index = mm_matching_mentor(matching, 0);
  printf("%s %s -> %s\n", mm_version(), mm_pool_mentee_id(pool, 0),
         mentor_index >= 0 ? mm_pool_mentor_id(pool, (guint)mentor_index) : "none");
  return 0;
}
C
cd "$tmp" || exit 1
read -ra cflags <<<"$(pkgconf --cflags)"
read -ra libs <<<"$(pkgconf --libs)"
libdir="$(pkgconf --variable=libdir)"
if "${cc[@]}" "${san[@]}" -std=c11 -Wall -Wextra -Werror caller.c "${cflags[@]}" "${libs[@]}" \
     -o caller-shared 2>"$tmp/cc.log"; then
  check "a caller builds with pkg-config --cflags --libs mentormatch" true
  check "the caller needs $soname" grep -qF "Shared library: [$soname]" <(readelf -d caller-shared)
  check "it loads the installed library" \
    grep -qF "$libdir/$soname" <(LD_LIBRARY_PATH="$libdir" ldd caller-shared)
  check "the caller runs and matches YP1 with M1" \
    test "$(LD_LIBRARY_PATH="$libdir" ./caller-shared)" = "$version YP1 -> M1"
else
  cat "$tmp/cc.log"
  check "a caller builds with pkg-config --cflags --libs mentormatch" false
fi

check "the installed library's SONAME is $soname" \
  grep -qF "Library soname: [$soname]" <(readelf -d "$libdir/libmentormatch.so")
check "$soname is installed, a link to the real file" test -L "$libdir/$soname"
check "only mm_ symbols are exported" \
  test -z "$(nm -D --defined-only --format=posix "$libdir/$soname" | grep -v '^mm_')"

# The program is installed and is a caller of the shared library like any
# other (it links nothing of the library statically).
program="$(find "$stage" -type f -name mentormatch -path '*/bin/*' | head -n 1)"
check "the program is installed in bin/" test -n "$program"
if [ -n "$program" ]; then
  check "the program needs $soname" grep -qF "Shared library: [$soname]" <(readelf -d "$program")
  check "the program defines none of the library's functions itself" \
    test -z "$(comm -12 <(nm --defined-only --format=posix "$program" | cut -d' ' -f1 | sort -u) \
                        <(nm -D --defined-only --format=posix "$libdir/$soname" | cut -d' ' -f1 | sort -u))"
  check "the installed program runs on the installed library" \
    test "$(LD_LIBRARY_PATH="$libdir" "$program" --version)" = "mentormatch $version"
fi

# Static linking needs Libs.private and Requires.private to be complete.
read -ra static_libs <<<"$(pkgconf --static --libs | sed 's/-lmentormatch//')"
if "${cc[@]}" "${san[@]}" -std=c11 caller.c "${cflags[@]}" "$libdir/libmentormatch.a" \
     "${static_libs[@]}" -o caller-static 2>"$tmp/cc-static.log"; then
  check "a caller links the static library with pkg-config --static" true
  check "the static caller does not need $soname" \
    test -z "$(readelf -d caller-static | grep -F "$soname")"
  check "the static caller runs" test "$(./caller-static)" = "$version YP1 -> M1"
else
  cat "$tmp/cc-static.log"
  check "a caller links the static library with pkg-config --static" false
fi
finish

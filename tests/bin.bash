# bin.bash - where the programs under test are: bin/, or HLEG_BIN (the
# sanitizer build of "make check-asan"), as an absolute path.
BIN=${HLEG_BIN:-$(cd "$BATS_TEST_DIRNAME/.." && pwd)/bin}
case $BIN in /*) ;; *) BIN=$(cd "$BATS_TEST_DIRNAME/.." && pwd)/$BIN ;; esac

# bin.bash - loaded by every test file: where the programs under test are
# (bin/, or HLEG_BIN, the sanitizer build of "make check-asan", as an
# absolute path), and how a test asks for a tool.
BIN=${HLEG_BIN:-$(cd "$BATS_TEST_DIRNAME/.." && pwd)/bin}
case $BIN in /*) ;; *) BIN=$(cd "$BATS_TEST_DIRNAME/.." && pwd)/$BIN ;; esac

# need COMMAND...: the test fails, naming the Debian package to install,
# unless every COMMAND is installed.  tests/deps, which "make check" runs
# first, installs them all; a test never skips for want of a tool.
need() {
	"$BATS_TEST_DIRNAME/deps" need "$@"
}

# A command that is not installed is reported by tests/run as a failure
# of its own, even where the test would not notice: inside $(...), or in
# a command whose failure the test allows.
command_not_found_handle() {
	[ -z "${HLEG_MISSING_LOG:-}" ] ||
	    printf '%s\t%s: %s\n' "$1" "${BATS_TEST_FILENAME##*/}" \
	    "${BATS_TEST_DESCRIPTION:-setup}" >>"$HLEG_MISSING_LOG"
	printf '%s: command not found: "tests/deps need %s" names its package\n' \
	    "$1" "$1" >&2
	return 127
}

# man_synopsis PAGE: the SYNOPSIS of man/PAGE.1 as mandoc renders it, a
# line for each of its lines, without indentation or blank lines.
man_synopsis() {
	need mandoc col || return 1
	mandoc -T ascii "$BATS_TEST_DIRNAME/../man/$1.1" | col -bx |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d;/^ *$/d;s/^ *//'
}

# man_synopsis_line PAGE: the same on one line, white space squeezed.
man_synopsis_line() {
	man_synopsis "$1" | tr -s ' \n' ' ' | sed 's/ $//'
}

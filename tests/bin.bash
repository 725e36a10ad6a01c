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

# cost [-c SECONDS] FILE COMMAND...: runs COMMAND and writes what it
# cost to FILE as "CPU_SECONDS MAXRSS_KIB" (tests/tools/measure); the
# status is COMMAND's.  With -c, COMMAND is stopped after SECONDS of CPU
# (see cpu_cap).  Figures are compared as ratios of a large input's to a
# small one's, never against a clock.  Memory is measured on the release
# build in bin/ (RELEASE), since the sanitizers' shadow memory would
# say nothing about the programs' own.
RELEASE=$(cd "$BATS_TEST_DIRNAME/.." && pwd)/bin
cost() {
	"$BATS_TEST_DIRNAME/../build/tools/measure" "$@"
}

# cpu_of FILE, rss_of FILE: the figures cost wrote (seconds; KiB).
cpu_of() { read -r c _ <"$1" && echo "$c"; }
rss_of() { read -r _ r <"$1" && echo "$r"; }

# cpu_cap SMALL_BYTES SMALL_COST BIG_BYTES SLACK: the CPU seconds after
# which the large input has cost more than SLACK times the small
# one's per byte (and two seconds more): a limit for cost -c,
# so that quadratic code fails no_worse_per_byte in bounded time.
cpu_cap() {
	awk -v sb="$1" -v sc="$2" -v bb="$3" -v k="$4" -v f="${FLOOR:-0.05}" \
	    'BEGIN { if (sc < f) sc = f; printf "%d\n", k * sc * bb / sb + 2 }'
}

# no_worse_per_byte WHAT SMALL_BYTES SMALL_COST BIG_BYTES BIG_COST SLACK:
# succeeds when the large input costs at most SLACK times as much per
# byte as the small one (a cost of the small input below FLOOR, 0.05 by
# default, counts as FLOOR, so that timer noise cannot fail a linear
# program); otherwise says both figures and fails.
no_worse_per_byte() {
	local what=$1 sb=$2 sc=$3 bb=$4 bc=$5 slack=$6
	awk -v w="$what" -v sb="$sb" -v sc="$sc" -v bb="$bb" -v bc="$bc" \
	    -v k="$slack" -v f="${FLOOR:-0.05}" 'BEGIN {
		if (sc < f) sc = f
		r = (bc / bb) / (sc / sb)
		printf "%s: %d bytes cost %s, %d bytes cost %s: %.1f times as much per byte (at most %s allowed)\n", w, sb, sc, bb, bc, r, k
		exit !(r <= k)
	}' >&2
}

# cost_test: called by a test (or its setup) that compares costs.  Costs
# are measured by "make check" on the release build; under the
# sanitizers ("make check-asan": HLEG_BIN is the ASan build), whose
# checks and shadow memory change every figure, the test is skipped,
# saying so, rather than run for nothing at sixteen times the size.
cost_test() {
	case ${HLEG_BIN:-} in
	*asan*) skip "costs are measured by make check, on the release build" ;;
	esac
}

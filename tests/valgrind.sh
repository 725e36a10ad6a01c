#!/bin/bash
# valgrind.sh - hleg-validate under valgrind's memcheck: no invalid access,
# no use of uninitialised memory, no definite leak, on every fixture in one
# process, threaded and not.  Prints TAP.
cd "$(dirname "$0")/.." || exit 2
bin=${HLEG_BIN:-bin}
n=0
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite "$@"
}
check() {
	local name=$1 expected=$2
	shift 2
	"$@" >/dev/null 2>/tmp/hleg-valgrind.$$
	local status=$?
	n=$((n + 1))
	if [ "$status" = "$expected" ]; then
		echo "ok $n - valgrind: $name"
	else
		echo "not ok $n - valgrind: $name (exit $status, expected $expected)"
		grep '==' /tmp/hleg-valgrind.$$ | head -40 | sed 's/^/# /'
	fi
	rm -f /tmp/hleg-valgrind.$$
}
check "every fixture, one thread" 1 vg "$bin/hleg-validate" \
    fixtures/dossier/documents/*.xml fixtures/invalid/*.xml \
    fixtures/hostile/*.xml
check "every fixture, -j 2" 1 vg "$bin/hleg-validate" -j 2 \
    fixtures/dossier/documents/*.xml fixtures/invalid/*.xml \
    fixtures/hostile/*.xml
check "the dossier with --roster, from stdin" 0 vg "$bin/hleg-validate" \
    --roster fixtures/dossier/roster.xml - \
    <fixtures/dossier/documents/HLEG-P-2008-001.xml
check "usage error" 2 vg "$bin/hleg-validate" --no-such-option

# hleg-verify over the demo's history, clean and then with forged
# commits, threaded and not.
demo=$(mktemp -d)
HLEG_DEMO_DIR=$demo tests/demo >/dev/null 2>&1
check "hleg-verify over the demo's history" 0 vg "$bin/hleg-verify" \
    -j 1 -C "$demo/dossier"
sed -i 's|</summary>|<p>Late.</p></summary>|' \
    "$demo/dossier/documents/HLEG-P-2008-001.xml"
sed -i 's|Secretariat of Telecommunications|Secretariat|' \
    "$demo/dossier/roster.xml"
git -C "$demo/dossier" -c user.name=A -c user.email=a@example.org \
    commit -qam "forged" >/dev/null
check "hleg-verify over forged commits, -j 2, --xml" 1 vg \
    "$bin/hleg-verify" -j 2 --xml -C "$demo/dossier"

# The other filters over the same dossier.
check "hleg-ls --xml" 0 vg "$bin/hleg-ls" --xml -C "$demo/dossier"
check "hleg-log" 0 vg "$bin/hleg-log" -C "$demo/dossier"
check "hleg-collect, then hleg-brief and -f text" 0 sh -c "
    $(declare -f vg); vg '$bin/hleg-collect' -C '$demo/dossier' HLEG-P-2008-001 \
    HLEG-P-2008-002 >'$demo/c.xml' && vg '$bin/hleg-brief' '$demo/c.xml' &&
    vg '$bin/hleg-brief' -f text '$demo/c.xml'"
check "hleg-pdf" 0 vg "$bin/hleg-pdf" "$demo/c.xml"
check "hleg-pdf, a paper over its layout budget, from stdin" 1 sh -c "
    $(declare -f vg); bench/large items 200000 | vg '$bin/hleg-pdf'"
check "hleg-roster" 0 vg "$bin/hleg-roster" fixtures/dossier/roster.xml
git -C "$demo/dossier" reset -q --hard HEAD~1
check "hleg-new" 0 vg "$bin/hleg-new" -C "$demo/dossier" --date 2009-07-01 --rapporteur m05 \
    --title "A new proposal" --work-area legal-measures --sector ITU-D proposal
check "hleg-transition, recorded" 0 env GIT_AUTHOR_DATE=2009-07-01T10:00:00Z \
    GIT_COMMITTER_DATE=2009-07-01T10:00:00Z valgrind -q --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite \
    "$bin/hleg-transition" -C "$demo/dossier" HLEG-P-2008-007 endorse --as m12
check "hleg-transition, refused" 1 env GIT_AUTHOR_DATE=2009-07-01T10:00:00Z \
    GIT_COMMITTER_DATE=2009-07-01T10:00:00Z valgrind -q --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite \
    "$bin/hleg-transition" -C "$demo/dossier" HLEG-P-2008-007 submit --as m12
rm -rf "$demo"
echo "1..$n"

#!/usr/bin/env bats
# Two writers at once, and writers killed at random moments: no event is
# lost or recorded twice, git fsck stays clean, and every event is wholly
# recorded or absent.

load helpers

# After every generated draft (the latest is dated 2008-12-04).
export GIT_AUTHOR_DATE=2009-01-15T10:00:00Z GIT_COMMITTER_DATE=2009-01-15T10:00:00Z

# many_dossier DIR N: a bare central dossier with N generated proposals.
many_dossier() {
	local dir=$1 n=$2 gen=$BATS_TEST_TMPDIR/gen work=$BATS_TEST_TMPDIR/work
	"$TOP/bench/generate" "$n" "$gen"
	"$BIN/hleg-init" --bare --roster "$TOP/fixtures/dossier/roster.xml" "$dir" >/dev/null
	git clone -q "$dir" "$work"
	cp "$gen"/documents/*.xml "$work/documents/"
	git_t -C "$work" add documents
	at 2008-12-20T09:00:00Z git_t -C "$work" commit -q -m "Generated drafts"
	git -C "$work" push -q origin main
	rm -rf "$work" "$gen"
}

# events DIR: "document actor" of every event commit on main.
events() {
	git -C "$1" log --format='%(trailers:key=HLEG-Document,valueonly,separator=)%x20%(trailers:key=HLEG-Actor,valueonly,separator=)' main |
	    sed '/^ *$/d' | sort
}

# consistent DIR: every event commit changes exactly its document by one
# step that matches its trailers, and every document at main is valid.
consistent() {
	local dir=$1 c doc actor
	for c in $(git -C "$dir" log --format=%H --grep='^HLEG-Event:' main); do
		doc=$(git -C "$dir" log -1 --format='%(trailers:key=HLEG-Document,valueonly,separator=)' "$c")
		actor=$(git -C "$dir" log -1 --format='%(trailers:key=HLEG-Actor,valueonly,separator=)' "$c")
		[ "$(git -C "$dir" diff --name-only "$c~1" "$c")" = "documents/$doc.xml" ] ||
		    { echo "$c changes more than $doc"; return 1; }
		[ $(( $(git -C "$dir" show "$c:documents/$doc.xml" | grep -c '<step ') -
		    $(git -C "$dir" show "$c~1:documents/$doc.xml" | grep -c '<step ' || true) )) -eq 1 ] ||
		    { echo "$c does not add one step"; return 1; }
		git -C "$dir" show "$c:documents/$doc.xml" | grep '<step ' | tail -1 | grep -q "by=\"$actor\"" ||
		    { echo "$c: the step is not by $actor"; return 1; }
	done
	mkdir -p "$BATS_TEST_TMPDIR/tip/documents"
	git -C "$dir" archive main | tar -x -C "$BATS_TEST_TMPDIR/tip"
	"$BIN/hleg-validate" -q "$BATS_TEST_TMPDIR"/tip/documents/*.xml
}

@test "two writers, 200 transitions each, on one dossier: none lost, none twice" {
	C=$BATS_TEST_TMPDIR/central.git
	many_dossier "$C" 200
	writer() {
		local actor=$1 log=$2 i id
		for i in $(seq 1 200); do
			id=$(printf 'HLEG-P-2009-%05d' "$i")
			if "$BIN/hleg-transition" -C "$C" --as "$actor" "$id" endorse >/dev/null 2>>"$log.err"; then
				echo "$id $actor" >>"$log"
			fi
		done
	}
	writer m12 "$BATS_TEST_TMPDIR/a" &
	writer m30 "$BATS_TEST_TMPDIR/b" &
	wait
	cat "$BATS_TEST_TMPDIR/a.err" "$BATS_TEST_TMPDIR/b.err" 2>/dev/null | head -5
	sort "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" >"$BATS_TEST_TMPDIR/reported"
	events "$C" >"$BATS_TEST_TMPDIR/recorded"
	# Every reported success is recorded exactly once, and nothing else.
	diff "$BATS_TEST_TMPDIR/reported" "$BATS_TEST_TMPDIR/recorded"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/recorded")" -eq 400 ]
	[ -z "$(sort "$BATS_TEST_TMPDIR/recorded" | uniq -d)" ]
	git -C "$C" fsck --strict --no-dangling
	consistent "$C"
}

@test "SIGKILL at random moments, 100 times: fsck clean, every event whole or absent" {
	C=$BATS_TEST_TMPDIR/central.git
	many_dossier "$C" 100
	locks=0
	for i in $(seq 1 100); do
		id=$(printf 'HLEG-P-2009-%05d' "$i")
		"$BIN/hleg-transition" -C "$C" --as m12 "$id" endorse >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$(( RANDOM % 60 ))"
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		# A lock left by the kill is what hleg-transition tells the
		# user to remove; do as it says.
		if [ -e "$C/refs/heads/main.lock" ]; then
			run "$BIN/hleg-transition" -C "$C" --as m30 "$id" endorse
			[ "$status" -eq 2 ]
			[[ "$output" == *"refs/heads/main.lock exists"* ]]
			rm "$C/refs/heads/main.lock"
			locks=$((locks + 1))
		fi
	done
	echo "# $(events "$C" | wc -l) of 100 events recorded; $locks stale locks removed" >&3
	git -C "$C" fsck --strict --no-dangling
	consistent "$C"
	# The dossier still works.
	run "$BIN/hleg-transition" -C "$C" --as m40 HLEG-P-2009-00001 endorse
	[ "$status" -eq 0 ]
}

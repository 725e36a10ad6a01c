# helpers.bash - shared by the scenario tests: dossiers in temporary
# directories, made with hleg-init and git, and a fingerprint of a
# repository to show that a refused event changed nothing; commits and
# drafts by the thousand, for the bounds of a push.

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
load bin

# Events happen inside the embedded roster's 2007-2009 term.
export GIT_AUTHOR_DATE="2008-04-10T10:00:00+02:00"
export GIT_COMMITTER_DATE="2008-04-10T10:00:00+02:00"
export GIT_CONFIG_NOSYSTEM=1
export HOME=$BATS_TEST_TMPDIR

git_t() {
	git -c user.name="Claire Dubois-Mensah" -c user.email=claire.dubois-mensah@itu.example "$@"
}

# make_dossier DIR [--bare]: a dossier with the embedded roster and the
# fixture documents committed on main, by way of a scratch clone for a
# bare one.
make_dossier() {
	local dir=$1 work
	shift
	"$BIN/hleg-init" "$@" --roster "$TOP/fixtures/dossier/roster.xml" "$dir" >/dev/null
	if [ "${1:-}" = --bare ]; then
		work=$BATS_TEST_TMPDIR/scratch.$$
		git clone -q "$dir" "$work"
	else
		work=$dir
	fi
	cp "$TOP"/fixtures/dossier/documents/*.xml "$work/documents/"
	git_t -C "$work" add documents
	GIT_AUTHOR_DATE="2008-02-20T09:00:00+01:00" \
	    GIT_COMMITTER_DATE="2008-02-20T09:00:00+01:00" \
	    git_t -C "$work" commit -q -m "Drafts of the proposals and the progress report"
	if [ "$work" != "$dir" ]; then
		git -C "$work" push -q origin main
		rm -rf "$work"
	fi
}

# at DATE COMMAND...: run with both git dates set to DATE.
at() {
	local d=$1
	shift
	GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d "$@"
}

# fingerprint DIR: every ref, the index, the work tree's files.
fingerprint() {
	local dir=$1
	git -C "$dir" for-each-ref --format='%(refname) %(objectname)'
	git -C "$dir" rev-parse HEAD 2>/dev/null
	if [ "$(git -C "$dir" rev-parse --is-bare-repository)" = false ]; then
		git -C "$dir" ls-files -s
		(cd "$dir" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha1sum)
	fi
}

# trailer DIR KEY [REV]: the value of an HLEG trailer of a commit.
trailer() {
	git -C "$1" log -1 --format="%(trailers:key=$2,valueonly)" "${3:-main}" | sed '/^$/d'
}

# step_count DIR ID: the steps in the document at main.
step_count() {
	git -C "$1" show "main:documents/$2.xml" | grep -c '<step ' || true
}

# person ID FIELD: the name or email of an entry of the embedded roster.
person() {
	awk -v id="$1" -v f="$2" '
		$0 ~ "id=\"" id "\"" { on = 1 }
		on && $0 ~ "<" f ">" { sub(".*<" f ">", ""); sub("</" f ">.*", ""); print; exit }' \
	    "$TOP/fixtures/dossier/roster.xml"
}

# as ID GIT-ARGS...: git as the roster entry ID, author and committer.
as() {
	local id=$1
	shift
	git -c user.name="$(person "$id" name)" -c user.email="$(person "$id" email)" "$@"
}

# empty_commits DIR N [WHO]: N commits that change nothing, on main, by
# WHO ("Name <address>"; m36 by default).
empty_commits() {
	awk -v n="$2" -v who="${3:-$(person m36 name) <$(person m36 email)>}" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "commit refs/heads/main\n"
			printf "author %s 1207814400 +0200\n", who
			printf "committer %s 1207814400 +0200\n", who
			printf "data 7\nnothing\n"
			if (i == 1)
				printf "from refs/heads/main^0\n"
			printf "\n"
		}
	}' | git -C "$1" fast-import --quiet
}

# drafts DIR N: N small drafts in one commit on DIR's main, by m36.
drafts() {
	awk -v n="$2" -v dir="$1/documents" 'BEGIN {
		for (i = 1; i <= n; i++) {
			id = sprintf("HLEG-P-2009-%05d", i)
			f = dir "/" id ".xml"
			printf "<proposal xmlns=\"urn:hleg:1\" id=\"%s\"><title>P</title>" \
			    "<date>2008-02-14</date><addressee>ITU Secretary-General</addressee>" \
			    "<rapporteur ref=\"m36\"/><work-area ref=\"legal-measures\"/>" \
			    "<sector ref=\"ITU-D\"/><summary><p>S.</p></summary>" \
			    "<recommendation n=\"1.1\" addressed-to=\"Governments\" consensus=\"full\">" \
			    "<p>R.</p></recommendation><workflow state=\"draft\"/></proposal>\n", id >f
			close(f)
		}
	}'
	git -C "$1" add documents
	as m36 -C "$1" commit -qm "$2 drafts"
}

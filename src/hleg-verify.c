/*
 * hleg-verify - audit a dossier's history, commit by commit, against the
 * roster and workflow definition of each commit's parent; or, as the
 * central dossier's pre-receive hook, refuse a push that breaks a rule.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

#include "lib/audit.h"
#include "lib/dossier.h"
#include "lib/msg.h"
#include "lib/source.h"
#include "lib/trailers.h"
#include "lib/treediff.h"
#include "lib/util.h"
#include "lib/validate.h"

/* On a terminal, progress is shown for histories longer than this. */
#define PROGRESS_FROM 2000

/* What one push may ask of the gate (hleg-verify(1)): so many commits, so
 * many files added, changed or deleted, and so many bytes of documents to
 * read (both sides of a change; roster.xml and workflow.xml count) and of
 * commits (their messages; a pack compresses both).  A push beyond them
 * is refused with HLEG-V019 before anything is judged, so that judging a
 * push takes seconds, whatever it brings.  The audit of a history,
 * outside the hook, has no bounds. */
#define PUSH_MAX_COMMITS	10000
#define PUSH_MAX_FILES		10000
#define PUSH_MAX_BYTES		(32u * 1024 * 1024)

/* Threads take the commits in blocks of at most this many, in turn;
 * findings are kept per block and printed in the history's order. */
#define BLOCK 128

struct options {
	const char	*dir, *range;
	long		 jobs;		/* 0: one per processor */
	int		 pre_receive, xml;
};

/* The commits to judge, oldest first, and the one trusted root.  For a
 * whole history, off_line[i] tells that ids[i] is not on the tip's
 * first-parent line, where every event is recorded. */
struct walk {
	git_oid		*ids;
	size_t		 n, alloc;
	git_oid		 root;
	int		 has_root;
	unsigned char	*off_line;
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-verify [-h] [-C dir] [-j jobs] [--xml] "
	    "[rev | old..new]\n"
	    "       hleg-verify --pre-receive [-j jobs] [--xml]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-verify [-h] [-C dir] [-j jobs] [--xml] "
	    "[rev | old..new]\n"
	    "       hleg-verify --pre-receive [-j jobs] [--xml]\n"
	    "Audit the history of a dossier: every commit legal, every "
	    "document valid.\n"
	    "  -C DIR             the dossier (default: the current "
	    "repository)\n"
	    "  -h, --help         show this help and exit\n"
	    "  -j, --jobs N       judge with N threads (default: one per "
	    "processor)\n"
	    "      --pre-receive  judge the push that git's pre-receive "
	    "input describes\n"
	    "      --version      print the version and exit\n"
	    "      --xml          write the findings as an audit document\n"
	    "Without rev, the history of main; old..new judges the commits "
	    "of new\nthat old does not have.\n"
	    "Exit status: 0 clean, 1 findings (a push is refused), 2 usage "
	    "or system error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

static void
walk_add(struct walk *w, const git_oid *id)
{
	if (w->n == w->alloc) {
		w->alloc = w->alloc ? w->alloc * 2 : 1024;
		w->ids = xrealloc(w->ids, w->alloc * sizeof(*w->ids));
	}
	git_oid_cpy(&w->ids[w->n++], id);
}

/* Collects the commits of walker rw, oldest first. */
static int
walk_collect(struct dossier *d, git_revwalk *rw, struct walk *w)
{
	git_oid	 id;
	int	 rc;

	while ((rc = git_revwalk_next(&id, rw)) == 0)
		walk_add(w, &id);
	if (rc != GIT_ITEROVER) {
		msg_warnx("%s: cannot walk the history: %s", d->name,
		    dossier_error());
		return -1;
	}
	return 0;
}

static git_revwalk *
walker(struct dossier *d)
{
	git_revwalk	*rw;

	if (git_revwalk_new(&rw, d->repo) != 0 ||
	    git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE)
	    != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: %s", d->name, dossier_error());
	return rw;
}

/* The root of tip's first-parent history: the dossier's first commit,
 * made by hleg-init, which is trusted. */
static int
first_root(struct dossier *d, const git_oid *tip, git_oid *out)
{
	git_revwalk	*rw = walker(d);
	int		 rc;

	if (git_revwalk_simplify_first_parent(rw) != 0 ||
	    git_revwalk_push(rw, tip) != 0 ||
	    (rc = git_revwalk_next(out, rw)) != 0) {
		msg_warnx("%s: cannot walk the history: %s", d->name,
		    dossier_error());
		git_revwalk_free(rw);
		return -1;
	}
	git_revwalk_free(rw);
	return 0;
}

static int
oid_order(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* Marks the commits of w that are not on tip's first-parent line. */
static int
mark_off_line(struct dossier *d, const git_oid *tip, struct walk *w)
{
	git_revwalk	*rw = walker(d);
	struct walk	 line;
	int		 rc;

	memset(&line, 0, sizeof(line));
	if (git_revwalk_simplify_first_parent(rw) != 0 ||
	    git_revwalk_push(rw, tip) != 0)
		rc = -1;
	else
		rc = walk_collect(d, rw, &line);
	git_revwalk_free(rw);
	if (rc != 0) {
		free(line.ids);
		return -1;
	}
	qsort(line.ids, line.n, sizeof(*line.ids), oid_order);
	w->off_line = xcalloc(w->n ? w->n : 1, 1);
	for (size_t i = 0; i < w->n; i++)
		w->off_line[i] = bsearch(&w->ids[i], line.ids, line.n,
		    sizeof(*line.ids), oid_order) == NULL;
	free(line.ids);
	return 0;
}

/* The commits of rev (the whole history, whose first commit is trusted)
 * or of old..new. */
static int
collect_range(struct dossier *d, const char *range, struct walk *w)
{
	git_revwalk	*rw = walker(d);
	git_commit	*tip;
	int		 rc = -1;

	if (range != NULL && strstr(range, "..") != NULL) {
		if (git_revwalk_push_range(rw, range) != 0)
			msg_warnx("%s: no range %s: %s", d->name, range,
			    dossier_error());
		else
			rc = walk_collect(d, rw, w);
	} else if (dossier_commit(d, range, &tip) == 0) {
		if (git_revwalk_push(rw, git_commit_id(tip)) != 0)
			msg_warnx("%s: %s", d->name, dossier_error());
		else if ((rc = walk_collect(d, rw, w)) == 0 &&
		    (rc = first_root(d, git_commit_id(tip), &w->root)) == 0 &&
		    (rc = mark_off_line(d, git_commit_id(tip), w)) == 0)
			w->has_root = 1;
		git_commit_free(tip);
	}
	git_revwalk_free(rw);
	return rc;
}

/* Hides every commit a ref of the repository points at: in a
 * pre-receive hook, those are the commits the dossier already has. */
static int
hide_ref(git_reference *ref, void *arg)
{
	git_object	*obj;

	if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0) {
		git_revwalk_hide(arg, git_object_id(obj));
		git_object_free(obj);
	}
	git_reference_free(ref);
	return 0;
}

/* Reads one line of git's pre-receive input, "OLD NEW REF". */
static int
read_update(char *line, git_oid *old, git_oid *new, char **ref)
{
	char	*sp1, *sp2;

	line[strcspn(line, "\n")] = '\0';
	if ((sp1 = strchr(line, ' ')) == NULL ||
	    (sp2 = strchr(sp1 + 1, ' ')) == NULL)
		return -1;
	*sp1 = *sp2 = '\0';
	if (strlen(line) != GIT_OID_HEXSZ || strlen(sp1 + 1) != GIT_OID_HEXSZ ||
	    git_oid_fromstr(old, line) != 0 ||
	    git_oid_fromstr(new, sp1 + 1) != 0)
		return -1;
	*ref = sp2 + 1;
	return 0;
}

/* Whether old is on the first-parent line of new, the line main's own
 * history follows: 1, 0, or -1 after a message.  A merge whose first
 * parent is older history would otherwise move main back while still
 * descending from it. */
static int
first_parent_line(struct dossier *d, const git_oid *new, const git_oid *old)
{
	git_commit	*c, *parent;
	int		 rc;

	if (git_commit_lookup(&c, d->repo, new) != 0) {
		msg_warnx("%s: %s", d->name, dossier_error());
		return -1;
	}
	for (;;) {
		if (git_oid_equal(git_commit_id(c), old)) {
			rc = 1;
			break;
		}
		if (git_commit_parentcount(c) == 0) {
			rc = 0;
			break;
		}
		if (git_commit_parent(&parent, c, 0) != 0) {
			msg_warnx("%s: %s", d->name, dossier_error());
			rc = -1;
			break;
		}
		git_commit_free(c);
		c = parent;
	}
	git_commit_free(c);
	return rc;
}

/* Judges the ref updates of a push, and collects the commits it brings
 * that the dossier does not have yet. */
static int
collect_push(struct dossier *d, struct walk *w, struct findings *f)
{
	git_revwalk	*rw = walker(d);
	git_reference	*main_ref = NULL;
	git_object	*obj, *peeled;
	git_oid		 old, new, new_main;
	char		*line = NULL, *ref;
	size_t		 cap = 0;
	unsigned long	 lineno = 0;
	int		 has_main, creates_main = 0, valid, rc = -1;

	has_main = git_reference_lookup(&main_ref, d->repo,
	    DOSSIER_BRANCH) == 0;
	git_reference_free(main_ref);
	while (getline(&line, &cap, stdin) != -1) {
		lineno++;
		if (read_update(line, &old, &new, &ref) != 0 ||
		    git_reference_name_is_valid(&valid, ref) != 0 || !valid) {
			msg_warnx("<stdin>:%lu: not a line of git's pre-receive "
			    "input (OLD NEW REF)", lineno);
			goto done;
		}
		if (strcmp(ref, DOSSIER_BRANCH) == 0) {
			if (git_oid_is_zero(&new)) {
				findings_add(f, &old, ref, "HLEG-V017",
				    "deleting main is refused: main is the "
				    "dossier's record");
				continue;
			}
			if (!git_oid_is_zero(&old) && !git_oid_equal(&old,
			    &new) && git_graph_descendant_of(d->repo, &new,
			    &old) != 1) {
				char	 hex[9];

				git_oid_tostr(hex, sizeof(hex), &old);
				findings_add(f, &new, ref, "HLEG-V017", "the "
				    "push rewrites main: it does not keep %s, "
				    "which main has; fetch, rebase your work "
				    "on main and push without --force", hex);
				continue;
			}
			if (!git_oid_is_zero(&old) && !git_oid_equal(&old,
			    &new) && (rc = first_parent_line(d, &new, &old))
			    != 1) {
				char	 hex[9];

				if (rc == -1)
					goto done;
				rc = -1;
				git_oid_tostr(hex, sizeof(hex), &old);
				findings_add(f, &new, ref, "HLEG-V017", "the "
				    "push does not move main forward: %s, "
				    "where main is, is not on the first-parent "
				    "line of the pushed main, as a merge with "
				    "older history first would have it; "
				    "rebase your work on main (git pull "
				    "--rebase) and push again", hex);
				continue;
			}
			if (git_oid_is_zero(&old)) {
				creates_main = 1;
				git_oid_cpy(&new_main, &new);
			}
		} else if (strncmp(ref, "refs/heads/", 11) != 0 &&
		    strncmp(ref, "refs/tags/", 10) != 0) {
			findings_add(f, git_oid_is_zero(&new) ? &old : &new,
			    ref, "HLEG-V017", "%s is neither a branch nor a "
			    "tag: a dossier takes only those", ref);
			continue;
		}
		if (git_oid_is_zero(&new))
			continue;	/* deleting a branch or tag */
		if (git_object_lookup(&obj, d->repo, &new, GIT_OBJECT_ANY)
		    != 0) {
			msg_warnx("%s: %s", ref, dossier_error());
			goto done;
		}
		if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) {
			findings_add(f, &new, ref, "HLEG-V017", "%s points at "
			    "a %s, not a commit", ref,
			    git_object_type2string(git_object_type(obj)));
			git_object_free(obj);
			continue;
		}
		if (git_revwalk_push(rw, git_object_id(peeled)) != 0) {
			msg_warnx("%s: %s", ref, dossier_error());
			git_object_free(peeled);
			git_object_free(obj);
			goto done;
		}
		git_object_free(peeled);
		git_object_free(obj);
	}
	if (ferror(stdin)) {
		msg_warn("<stdin>");
		goto done;
	}
	if (git_reference_foreach(d->repo, hide_ref, rw) != 0) {
		msg_warnx("%s: %s", d->name, dossier_error());
		goto done;
	}
	if (walk_collect(d, rw, w) != 0)
		goto done;
	/* A new central dossier's first push brings its first commit. */
	if (!has_main && creates_main) {
		if (first_root(d, &new_main, &w->root) != 0)
			goto done;
		w->has_root = 1;
	}
	rc = 0;
done:
	free(line);
	git_revwalk_free(rw);
	return rc;
}

/* Whether the audit reads the file at path: roster.xml, workflow.xml or
 * documents/ID.xml. */
static int
read_by_audit(const char *path)
{
	char	 id[65];

	return strcmp(path, "roster.xml") == 0 ||
	    strcmp(path, "workflow.xml") == 0 ||
	    audit_document_path(path, id);
}

/* The size of object id of type want, from its header, when a reader
 * would read it: 0 for none, or a blob larger than the input limit
 * (refused unread). */
static size_t
read_size(git_odb *odb, const git_oid *id, git_object_t want)
{
	git_object_t	 type;
	size_t		 len;

	if (git_oid_is_zero(id) ||
	    git_odb_read_header(&len, &type, odb, id) != 0 || type != want ||
	    (type == GIT_OBJECT_BLOB && len > HLEG_MAX_INPUT))
		return 0;
	return len;
}

/* Refuses, with HLEG-V019, a push that asks more than one push may (see
 * PUSH_MAX_COMMITS): its commits are counted, and what each changes
 * against its first parent, as the audit will see it, before anything
 * is judged.  Returns 1 when the push is beyond the bounds, 0 when not,
 * -1 after a message. */
static int
beyond_bounds(struct dossier *d, const struct walk *w, struct findings *f)
{
	struct treediff_cache	 cache;
	struct tree_changes	 diff;
	git_odb			*odb;
	git_commit		*c = NULL, *parent = NULL;
	git_tree		*ptree = NULL, *ctree = NULL;
	size_t			 files = 0, bytes = 0;
	int			 rc = 0;

	if (w->n > PUSH_MAX_COMMITS) {
		findings_add(f, &w->ids[PUSH_MAX_COMMITS], NULL, "HLEG-V019",
		    "the push brings %zu commits, and the central dossier "
		    "judges at most %d in one push: push them in parts, the "
		    "older first (git push origin COMMIT:main)", w->n,
		    PUSH_MAX_COMMITS);
		return 1;
	}
	if (git_repository_odb(&odb, d->repo) != 0) {
		msg_warnx("%s: %s", d->name, dossier_error());
		return -1;
	}
	memset(&cache, 0, sizeof(cache));
	memset(&diff, 0, sizeof(diff));
	for (size_t i = 0; i < w->n && rc == 0; i++) {
		const git_oid	*id = &w->ids[i];
		int		 root = 0;

		if (git_commit_lookup(&c, d->repo, id) != 0 ||
		    (!(root = git_commit_parentcount(c) == 0) &&
		    (git_commit_parent(&parent, c, 0) != 0 ||
		    git_commit_tree(&ptree, parent) != 0)) ||
		    git_commit_tree(&ctree, c) != 0 ||
		    treediff(d->repo, &cache, ptree, ctree, &diff) != 0) {
			msg_warnx("%s: %s", d->name, dossier_error());
			rc = -1;
		}
		if (rc == 0)
			bytes += read_size(odb, id, GIT_OBJECT_COMMIT);
		/* The trusted first commit is read for its roster and
		 * workflow definition; another first commit, not at all. */
		for (size_t k = 0; rc == 0 && k < diff.count; k++) {
			const struct tree_change *ch = &diff.items[k];

			if (root && !(w->has_root &&
			    git_oid_equal(&w->root, id) &&
			    (strcmp(ch->path, "roster.xml") == 0 ||
			    strcmp(ch->path, "workflow.xml") == 0)))
				continue;
			files++;
			if (read_by_audit(ch->path))
				bytes += read_size(odb, &ch->old_id,
				    GIT_OBJECT_BLOB) + read_size(odb,
				    &ch->new_id, GIT_OBJECT_BLOB);
		}
		if (rc == 0 && files > PUSH_MAX_FILES) {
			findings_add(f, id, NULL, "HLEG-V019", "with this "
			    "commit the push adds, changes or deletes %zu "
			    "files, and the central dossier judges at most "
			    "%d in one push: push the commits in parts, the "
			    "older first (git push origin COMMIT:main), with "
			    "fewer files in each", files, PUSH_MAX_FILES);
			rc = 1;
		} else if (rc == 0 && bytes > PUSH_MAX_BYTES) {
			findings_add(f, id, NULL, "HLEG-V019", "with this "
			    "commit the push asks the central dossier to "
			    "read %zu MiB of documents and commits, and it "
			    "reads at most %u MiB for one push: push the "
			    "commits in parts, the older first (git push "
			    "origin COMMIT:main), with fewer or smaller "
			    "documents in each",
			    (bytes + 1048575) / 1048576,
			    PUSH_MAX_BYTES / 1048576);
			rc = 1;
		}
		tree_changes_clear(&diff);
		git_tree_free(ctree);
		git_tree_free(ptree);
		git_commit_free(parent);
		git_commit_free(c);
		ctree = ptree = NULL;
		parent = c = NULL;
	}
	treediff_cache_clear(&cache);
	git_odb_free(odb);
	return rc;
}

/* What the threads that judge the commits share. */
struct pool {
	const struct options		*o;
	const struct walk		*w;
	const struct validate_setup	*setup;
	struct findings			*blocks;
	size_t				 nblocks, block;
	atomic_size_t			 next, done;
	atomic_int			 failed;
	int				 progress;
};

/* Opens the dossier again, for one thread. */
static int
reopen(const struct options *o, struct dossier *d)
{
	return o->pre_receive ? dossier_open_from_env(d) :
	    dossier_open(d, o->dir);
}

/* An event commit off main's first-parent line: main has been moved
 * back past it, by a merge whose first parent is older history. */
static void
off_line(git_commit *c, struct findings *f)
{
	struct event_record	 r;

	if (trailers_read(git_commit_message(c), &r) != 0)
		findings_add(f, git_commit_id(c), NULL, "HLEG-V017", "the "
		    "commit records an event, yet it is not on the "
		    "first-parent line of main: a merge whose first parent "
		    "is older history moved main back past it, or it was "
		    "recorded on a branch; events are recorded on main");
	event_record_clear(&r);
}

/* Judges blocks of commits until none is left; thread 0 shows the
 * progress. */
static int
judge(struct pool *p, int first)
{
	struct dossier	 d;
	struct audit	*a;
	git_commit	*c;
	size_t		 b, i, end, done;
	int		 rc = 0;

	if (reopen(p->o, &d) != 0)
		return -1;
	if ((a = audit_new(d.repo, p->setup)) == NULL) {
		dossier_close(&d);
		return -1;
	}
	while (rc == 0 && !p->failed &&
	    (b = atomic_fetch_add(&p->next, 1)) < p->nblocks) {
		end = (b + 1) * p->block < p->w->n ? (b + 1) * p->block :
		    p->w->n;
		for (i = b * p->block; i < end && rc == 0; i++) {
			const git_oid	*id = &p->w->ids[i];

			if (git_commit_lookup(&c, d.repo, id) != 0) {
				msg_warnx("%s: %s", d.name, dossier_error());
				rc = -1;
				break;
			}
			if (p->w->has_root && git_oid_equal(&p->w->root, id))
				rc = audit_root(a, c, &p->blocks[b]);
			else
				rc = audit_commit(a, c, &p->blocks[b]);
			if (rc == 0 && p->w->off_line != NULL &&
			    p->w->off_line[i])
				off_line(c, &p->blocks[b]);
			git_commit_free(c);
		}
		done = atomic_fetch_add(&p->done, end - b * p->block) +
		    (end - b * p->block);
		if (first && p->progress)
			fprintf(stderr, "\rhleg-verify: %zu of %zu commits "
			    "checked", done, p->w->n);
	}
	if (rc != 0)
		p->failed = 1;
	audit_free(a);
	dossier_close(&d);
	return rc;
}

static void *
judge_thread(void *arg)
{
	return judge(arg, 0) == 0 ? NULL : arg;
}

/* Judges the commits of w into f, with o->jobs threads.  Returns 0, or
 * -1 after a message. */
static int
judge_all(const struct options *o, const struct validate_setup *setup,
    const struct walk *w, struct findings *f, int progress)
{
	struct pool	 p;
	pthread_t	*threads;
	size_t		 nthreads, started = 0;
	long		 jobs = o->jobs;
	int		 rc;

	memset(&p, 0, sizeof(p));
	p.o = o;
	p.w = w;
	p.setup = setup;
	p.progress = progress;
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	atomic_init(&p.failed, 0);
	if (jobs == 0) {
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = jobs < 1 ? 1 : jobs > 8 ? 8 : jobs;
	}
	/* Eight blocks a thread or more, so that none waits long for the
	 * last. */
	p.block = w->n / ((size_t)jobs * 8);
	p.block = p.block < 1 ? 1 : p.block > BLOCK ? BLOCK : p.block;
	p.nblocks = (w->n + p.block - 1) / p.block;
	p.blocks = xcalloc(p.nblocks ? p.nblocks : 1, sizeof(*p.blocks));
	nthreads = (size_t)jobs < p.nblocks ? (size_t)jobs : p.nblocks;
	threads = xcalloc(nthreads ? nthreads : 1, sizeof(*threads));
	for (size_t i = 1; i < nthreads; i++) {
		if ((errno = pthread_create(&threads[i], NULL, judge_thread,
		    &p)) != 0) {
			msg_warn("pthread_create");
			break;
		}
		started++;
	}
	rc = judge(&p, 1);
	for (size_t i = 1; i <= started; i++) {
		void	*ret;

		pthread_join(threads[i], &ret);
		if (ret != NULL)
			rc = -1;
	}
	if (progress)
		fprintf(stderr, "\r\033[K");
	/* The blocks' findings, in order, become f's. */
	for (size_t b = 0; b < p.nblocks; b++) {
		struct findings	*fb = &p.blocks[b];

		for (size_t i = 0; i < fb->count; i++) {
			if (f->count == f->alloc) {
				f->alloc = f->alloc ? f->alloc * 2 : 8;
				f->items = xrealloc(f->items,
				    f->alloc * sizeof(*f->items));
			}
			f->items[f->count++] = fb->items[i];
		}
		f->errors += fb->errors;
		free(fb->items);
	}
	free(p.blocks);
	free(threads);
	return rc;
}

static void
xml_check(int rc)
{
	if (rc < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
}

/* Writes the findings as an audit document (schemas/audit.xsd). */
static void
write_xml(const struct findings *f, size_t commits)
{
	xmlOutputBufferPtr	 out;
	xmlTextWriterPtr	 w;
	char			 hex[GIT_OID_HEXSZ + 1], num[32];

	if ((out = xmlOutputBufferCreateFile(stdout, NULL)) == NULL ||
	    (w = xmlNewTextWriter(out)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot write XML");
	xml_check(xmlTextWriterSetIndent(w, 1));
	xml_check(xmlTextWriterSetIndentString(w, (const xmlChar *)"  "));
	xml_check(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	xml_check(xmlTextWriterStartElement(w, (const xmlChar *)"audit"));
	xml_check(xmlTextWriterWriteAttribute(w, (const xmlChar *)"xmlns",
	    (const xmlChar *)HLEG_NS));
	snprintf(num, sizeof(num), "%zu", commits);
	xml_check(xmlTextWriterWriteAttribute(w, (const xmlChar *)"commits",
	    (const xmlChar *)num));
	snprintf(num, sizeof(num), "%zu", f->errors);
	xml_check(xmlTextWriterWriteAttribute(w, (const xmlChar *)"errors",
	    (const xmlChar *)num));
	for (size_t i = 0; i < f->count; i++) {
		const struct finding	*fi = &f->items[i];

		git_oid_tostr(hex, sizeof(hex), &fi->commit);
		for (size_t k = 0; k < fi->diags.count; k++) {
			const struct diag	*dg = &fi->diags.items[k];

			xml_check(xmlTextWriterStartElement(w,
			    (const xmlChar *)"finding"));
			xml_check(xmlTextWriterWriteAttribute(w,
			    (const xmlChar *)"commit", (const xmlChar *)hex));
			if (fi->path != NULL)
				xml_check(xmlTextWriterWriteAttribute(w,
				    (const xmlChar *)"path",
				    (const xmlChar *)fi->path));
			if (dg->line > 0) {
				snprintf(num, sizeof(num), "%ld", dg->line);
				xml_check(xmlTextWriterWriteAttribute(w,
				    (const xmlChar *)"line",
				    (const xmlChar *)num));
			}
			if (dg->column > 0) {
				snprintf(num, sizeof(num), "%d", dg->column);
				xml_check(xmlTextWriterWriteAttribute(w,
				    (const xmlChar *)"column",
				    (const xmlChar *)num));
			}
			xml_check(xmlTextWriterWriteAttribute(w,
			    (const xmlChar *)"rule", (const xmlChar *)dg->rule));
			xml_check(xmlTextWriterWriteString(w,
			    (const xmlChar *)dg->message));
			xml_check(xmlTextWriterEndElement(w));
		}
	}
	xml_check(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
}

static int
run(const struct options *o)
{
	struct validate_setup	 setup;
	struct dossier		 d;
	struct walk		 w;
	struct findings		 f;
	int			 rc, progress, beyond = 0;
	size_t			 commits;

	memset(&w, 0, sizeof(w));
	memset(&f, 0, sizeof(f));
	if (o->pre_receive) {
		/* The hook runs as whoever runs the git server, which may
		 * not own the repository that git has already opened. */
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
		if (dossier_open_from_env(&d) != 0)
			return HLEG_EXIT_SYSTEM;
	} else if (dossier_open(&d, o->dir) != 0)
		return HLEG_EXIT_SYSTEM;
	if ((o->pre_receive ? collect_push(&d, &w, &f) :
	    collect_range(&d, o->range, &w)) != 0 ||
	    (o->pre_receive && (beyond = beyond_bounds(&d, &w, &f)) == -1)) {
		dossier_close(&d);
		free(w.ids);
		free(w.off_line);
		findings_clear(&f);
		return HLEG_EXIT_SYSTEM;
	}
	if (validate_setup(&setup) == -1)
		return HLEG_EXIT_SYSTEM;
	progress = !o->pre_receive && !o->xml && w.n >= PROGRESS_FROM &&
	    isatty(STDERR_FILENO);
	rc = beyond || judge_all(o, &setup, &w, &f, progress) == 0 ?
	    HLEG_EXIT_OK : HLEG_EXIT_SYSTEM;
	commits = w.n;

	if (o->xml)
		write_xml(&f, commits);
	else
		for (size_t i = 0; i < f.count; i++) {
			char	*name = finding_name(&f.items[i]);

			diag_print(stderr, name, &f.items[i].diags);
			free(name);
		}
	if (rc == HLEG_EXIT_OK && f.errors > 0) {
		rc = HLEG_EXIT_INVALID;
		if (o->pre_receive)
			fprintf(stderr, "hleg-verify: the push is refused: "
			    "%zu error%s in the %zu commit%s it brings; the "
			    "central dossier is unchanged. Mend the commits "
			    "named above (git rebase -i, or record events "
			    "with hleg-transition) and push again.\n",
			    f.errors, f.errors > 1 ? "s" : "", commits,
			    commits == 1 ? "" : "s");
		else if (!o->xml)
			fprintf(stderr, "hleg-verify: %zu error%s in %zu "
			    "commit%s checked\n", f.errors,
			    f.errors > 1 ? "s" : "", commits,
			    commits == 1 ? "" : "s");
	}
	findings_clear(&f);
	free(w.ids);
	free(w.off_line);
	validate_cleanup(&setup);
	dossier_close(&d);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "pre-receive", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "xml", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	struct options	 o;
	int		 ch, rc;

	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "C:hj:", longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			o.dir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'j':
			if ((o.jobs = jobs_arg(optarg)) == -1)
				usage();
			break;
		case 'p':
			o.pre_receive = 1;
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		case 'x':
			o.xml = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (o.pre_receive && (argc > 0 || o.dir != NULL)))
		usage();
	if (argc == 1) {
		if (argv[0][0] == '-' || argv[0][0] == '\0') {
			msg_warnx("'%s' is not a revision", argv[0]);
			usage();
		}
		o.range = argv[0];
	}

	dossier_library_init();
	rc = run(&o);
	dossier_library_shutdown();
	xmlCleanupParser();
	if (fshut(stdout, "stdout") != 0)
		rc = HLEG_EXIT_SYSTEM;
	return rc;
}

/*
 * hleg-transition - check one workflow event on a document and record it
 * as one commit on the dossier's main branch.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/content.h"
#include "lib/diag.h"
#include "lib/dossier.h"
#include "lib/event.h"
#include "lib/gitdate.h"
#include "lib/ids.h"
#include "lib/msg.h"
#include "lib/roster.h"
#include "lib/trailers.h"
#include "lib/util.h"
#include "lib/validate.h"
#include "lib/worktree.h"
#include "lib/workflow.h"

/* Attempts before a conflict with other writers is reported. */
#define ATTEMPTS 20

struct options {
	const char	*id, *event, *sector, *outcome, *note, *actor, *dir;
};

/* What one attempt read and made. */
struct attempt {
	git_commit		*tip;
	struct source		 roster_src, workflow_src, doc_src;
	struct roster		*roster;
	struct workflow		*workflow;
	xmlDocPtr		 doc;
	struct step		 step;
	git_oid			 commit;
	xmlChar			*bytes;		/* the document committed */
	int			 len;
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-transition [-h] [-C dir] [--as member] "
	    "[--note text] [--outcome outcome] [--sector sector] id event\n"
	    "       hleg-transition [-C dir] --batch\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-transition [-h] [-C dir] [--as member] "
	    "[--note text] [--outcome outcome] [--sector sector] id event\n"
	    "       hleg-transition [-C dir] --batch\n"
	    "Check a workflow event on a document and record it as one "
	    "commit.\n"
	    "      --batch        record the events of standard input, one a "
	    "line:\n"
	    "                     id, event, actor, sector, outcome, note, "
	    "date, by tabs\n"
	    "  -C DIR             the dossier (default: the current "
	    "repository)\n"
	    "      --as MEMBER    the roster id of who acts (default: the "
	    "roster entry\n"
	    "                     whose email is git's user.email)\n"
	    "      --note TEXT    why (required by return)\n"
	    "      --outcome O    refine, validate, implement or no-action "
	    "(consider)\n"
	    "      --sector S     ITU-R, ITU-T or ITU-D (consider)\n"
	    "Exit status: 0 recorded, 1 refused, 2 usage or system error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/* What was recorded, for the message when standard output fails after
 * the event is recorded. */
static char	*recorded;

/* Closes standard output (see fshut_done).  Returns rc, or 2 when
 * standard output failed. */
static int
finish(int rc)
{
	if (fshut_done(stdout, "stdout", recorded) != 0)
		rc = HLEG_EXIT_SYSTEM;
	free(recorded);
	recorded = NULL;
	return rc;
}

/* Prints a refusal about the document and exits 1. */
static void __attribute__((noreturn))
refuse(const struct options *o, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
refuse(const struct options *o, const char *rule, const char *fmt, ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	msg_warnx("documents/%s.xml: error: %s [%s]",
	    id_document_valid(o->id) ? o->id : "?", text, rule);
	free(text);
	exit(HLEG_EXIT_INVALID);
}

static void
attempt_clear(struct attempt *a)
{
	git_commit_free(a->tip);
	source_free(&a->roster_src);
	source_free(&a->workflow_src);
	source_free(&a->doc_src);
	roster_free(a->roster);
	workflow_free(a->workflow);
	xmlFreeDoc(a->doc);
	xmlFree(a->bytes);
	step_clear(&a->step);
	memset(a, 0, sizeof(*a));
}

/* Reads and checks path at the tip: its diagnostics are printed and the
 * program exits 1 when it is invalid.  Returns the document. */
static xmlDocPtr
read_valid(struct dossier *d, struct validator *v, struct attempt *a,
    const char *path, struct source *src, enum kind kind,
    const struct options *o)
{
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;

	switch (dossier_read(d, a->tip, path, src)) {
	case 0:
		break;
	case 1:
		if (kind != KIND_ROSTER && kind != KIND_WORKFLOW)
			refuse(o, "HLEG-W017", "there is no document %s on "
			    "the main branch", o->id);
		msg_errx(HLEG_EXIT_SYSTEM, "%s: not a dossier: no %s on main",
		    d->name, path);
	case 2:
		if (kind != KIND_ROSTER && kind != KIND_WORKFLOW)
			refuse(o, "HLEG-W017", "on the main branch, %s",
			    dossier_error());
		msg_errx(HLEG_EXIT_SYSTEM, "%s: not a dossier: on main, %s",
		    d->name, dossier_error());
	default:
		exit(HLEG_EXIT_SYSTEM);
	}
	memset(&diags, 0, sizeof(diags));
	validator_check(v, src, a->roster, &diags, &doc);
	if (doc != NULL && kind != KIND_NONE && kind_of(doc) != kind)
		diag_add(&diags, DIAG_ERROR, 1, 0, "HLEG-P006", "this is not "
		    "a %s", kind_name(kind));
	diag_print(stderr, src->name, &diags);
	if (diags.worst == DIAG_ERROR) {
		diag_clear(&diags);
		xmlFreeDoc(doc);
		if (kind == KIND_ROSTER || kind == KIND_WORKFLOW)
			refuse(o, "HLEG-W018", "the dossier's %s on the main "
			    "branch is invalid: the secretariat must mend it",
			    path);
		refuse(o, "HLEG-W018", "the document on the main branch is "
		    "invalid; mend it in a commit of its own first");
	}
	diag_clear(&diags);
	return doc;
}

/* The roster id of the acting person: --as, or the entry whose email is
 * git's user.email. */
static char *
actor_of(struct dossier *d, const struct roster *r, const struct options *o)
{
	char	*email, *id;

	if (o->actor != NULL)
		return xstrdup(o->actor);
	if ((email = dossier_user_email(d)) == NULL)
		refuse(o, "HLEG-W003", "who acts? give --as MEMBER, or set "
		    "git's user.email to your address on the roster");
	if ((id = roster_id_by_email(r, email)) == NULL) {
		msg_warnx("documents/%s.xml: error: no roster entry has the "
		    "address %s (git's user.email): give --as MEMBER "
		    "[HLEG-W003]", o->id, email);
		free(email);
		exit(HLEG_EXIT_INVALID);
	}
	free(email);
	return id;
}

/* Makes the author's signature from the roster.  Names and emails are
 * checked here, before libgit2 sees them: git_signature_new accepts a
 * newline, which would corrupt the commit header. */
static git_signature *
author_of(const struct roster *r, const char *actor, const struct gitdate *t,
    const struct options *o)
{
	xmlNodePtr	 p = roster_person(r, actor);
	git_signature	*sig = NULL;
	char		*name = roster_field(p, "name");
	char		*email = roster_field(p, "email");

	if (!id_signature_text_valid(name) || !id_signature_text_valid(email))
		refuse(o, "HLEG-W016", "the roster's name or email of %s is not "
		    "safe in a commit signature (one line, no angle brackets, "
		    "no control characters): the secretariat must mend the "
		    "roster", actor);
	if (git_signature_new(&sig, name, email, (git_time_t)t->seconds,
	    t->offset) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "the author's signature: %s",
		    dossier_error());
	free(name);
	free(email);
	return sig;
}

/* One attempt: read the tip, judge the event, write the commit.  Exits
 * on a refusal or an error. */
static void
prepare(struct dossier *d, struct validator *v, const struct options *o,
    const struct gitdate *author_date, const struct gitdate *committer_date,
    struct attempt *a)
{
	struct event_request	 q;
	struct refusal		 ref;
	struct diag_list	 diags;
	struct source		 out;
	xmlDocPtr		 rdoc, wdoc, check = NULL;
	git_signature		*author, *committer;
	char			 version[CONTENT_VERSION_SIZE], *path = NULL;
	char			*why, *actor, *message, *title;

	if (dossier_commit(d, NULL, &a->tip) != 0)
		exit(HLEG_EXIT_SYSTEM);
	rdoc = read_valid(d, v, a, "roster.xml", &a->roster_src, KIND_ROSTER,
	    o);
	a->roster = roster_new(rdoc);
	wdoc = read_valid(d, v, a, "workflow.xml", &a->workflow_src,
	    KIND_WORKFLOW, o);
	a->workflow = workflow_read(wdoc, &why);
	xmlFreeDoc(wdoc);
	if (a->workflow == NULL)
		refuse(o, "HLEG-W018", "the dossier's workflow.xml: %s", why);
	xappendf(&path, "documents/%s.xml", o->id);
	a->doc = read_valid(d, v, a, path, &a->doc_src, KIND_NONE, o);
	if (kind_of(a->doc) != KIND_PROPOSAL && kind_of(a->doc) != KIND_REPORT)
		refuse(o, "HLEG-W017", "%s is a %s; events happen to proposals "
		    "and reports", o->id, kind_name(kind_of(a->doc)));
	{
		xmlChar	*id = xmlGetProp(xmlDocGetRootElement(a->doc),
			    (const xmlChar *)"id");
		int	 same = id != NULL &&
			    strcmp((const char *)id, o->id) == 0;

		if (!same)
			refuse(o, "HLEG-W017", "%s holds the document %s: a "
			    "document's file is named after its id; rename "
			    "it in a commit of its own", path,
			    id ? (const char *)id : "without an id");
		xmlFree(id);
	}

	actor = actor_of(d, a->roster, o);
	memset(&q, 0, sizeof(q));
	q.event = o->event;
	q.actor = actor;
	q.sector = o->sector;
	q.outcome = o->outcome;
	q.note = o->note;
	gitdate_day(author_date, q.date);
	if (content_version(a->doc, version) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: cannot canonicalise the document",
		    path);
	if (event_check(a->workflow, a->roster, a->doc, version, &q, &a->step,
	    &ref) != 0)
		refuse(o, ref.rule, "%s", ref.message);
	author = author_of(a->roster, actor, author_date, o);
	if (dossier_committer(d, committer_date->seconds,
	    committer_date->offset, author, &committer) != 0)
		exit(HLEG_EXIT_SYSTEM);

	if (event_apply(a->doc, &a->step) != 0)
		refuse(o, "HLEG-W002", "the document has no workflow record");
	xmlDocDumpMemoryEnc(a->doc, &a->bytes, &a->len, "UTF-8");
	if (a->bytes == NULL || a->len <= 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: cannot write the document", path);

	/* The result is checked as hleg-validate would check it. */
	source_from_memory(&out, path, a->bytes, (size_t)a->len);
	memset(&diags, 0, sizeof(diags));
	validator_check(v, &out, a->roster, &diags, &check);
	xmlFreeDoc(check);
	if (diags.worst == DIAG_ERROR) {
		diag_print(stderr, out.name, &diags);
		refuse(o, "HLEG-W018", "with this %s step the document would "
		    "be invalid", o->event);
	}
	diag_clear(&diags);
	source_free(&out);

	title = NULL;
	for (xmlNodePtr n = xmlDocGetRootElement(a->doc)->children; n;
	    n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "title") == 0) {
			title = (char *)xmlNodeGetContent(n);
			break;
		}
	message = trailers_message(o->id, title ? title : "", &a->step);
	if (dossier_write(d, a->tip, path, (const char *)a->bytes,
	    (size_t)a->len, author, committer, message, &a->commit) != 0)
		exit(HLEG_EXIT_SYSTEM);
	xmlFree(title);
	free(message);
	git_signature_free(author);
	git_signature_free(committer);
	free(actor);
	free(path);
}

static void
check_arguments(const struct options *o)
{
	if (!id_document_valid(o->id))
		refuse(o, "HLEG-W014", "'%s' is not a document id: ids are an "
		    "upper-case letter, then 2 to 63 upper-case letters, digits "
		    "or hyphens, as HLEG-P-2008-004", o->id);
	if (!id_name_valid(o->event))
		refuse(o, "HLEG-W001", "'%s' is not an event name", o->event);
	if (o->actor != NULL && !id_person_valid(o->actor))
		refuse(o, "HLEG-W003", "'%s' is not a roster id", o->actor);
	if (o->sector != NULL && !id_sector_valid(o->sector))
		refuse(o, "HLEG-W008", "'%s' is not a Sector: give ITU-R, "
		    "ITU-T or ITU-D", o->sector);
	if (o->outcome != NULL && !id_outcome_valid(o->outcome))
		refuse(o, "HLEG-W010", "'%s' is not an outcome: give refine, "
		    "validate, implement or no-action", o->outcome);
}

/* Checks and records the event of o; a refusal exits.  Returns the exit
 * status. */
static int
record(const struct options *o, struct validator *v)
{
	struct dossier		 d;
	struct attempt		 a;
	struct gitdate		 author_date, committer_date;
	struct worktree_check	 wc;
	enum dossier_status	 st = DOSSIER_ERROR;
	char			 hex[8], *lock, *path = NULL, *advice;
	int			 i;

	check_arguments(o);
	if (gitdate_from_env("GIT_AUTHOR_DATE", &author_date) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "GIT_AUTHOR_DATE=%s: not a date git "
		    "understands", getenv("GIT_AUTHOR_DATE"));
	if (gitdate_from_env("GIT_COMMITTER_DATE", &committer_date) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "GIT_COMMITTER_DATE=%s: not a date git "
		    "understands", getenv("GIT_COMMITTER_DATE"));
	if (dossier_open(&d, o->dir) != 0)
		return HLEG_EXIT_SYSTEM;
	xappendf(&path, "documents/%s.xml", o->id);
	if (dossier_has_worktree(&d)) {
		/* What an interrupted transition left is brought forward;
		 * someone's change is refused, with how to keep or drop
		 * it. */
		switch (worktree_check(&d, o->id, path, &wc)) {
		case WORKTREE_CLEAN:
			break;
		case WORKTREE_STALE:
			if (worktree_bring_forward(&d, path, &wc) == 0)
				break;
			msg_warnx("nothing was recorded");
			free(path);
			dossier_close(&d);
			return HLEG_EXIT_SYSTEM;
		case WORKTREE_EDITED:
			advice = worktree_edit_advice(path, &wc);
			refuse(o, "HLEG-W020", "%s", advice);
		default:
			free(path);
			dossier_close(&d);
			return HLEG_EXIT_SYSTEM;
		}
	}

	memset(&a, 0, sizeof(a));
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	for (i = 0; i < ATTEMPTS; i++) {
		prepare(&d, v, o, &author_date, &committer_date, &a);
		st = dossier_advance(&d, git_commit_id(a.tip), &a.commit,
		    "hleg-transition");
		if (st == DOSSIER_OK || st == DOSSIER_ERROR)
			break;
		/* Another writer moved main, or holds its lock, or git gc
		 * removed the new commit: read main again, judge the event
		 * anew and write its objects again. */
		attempt_clear(&a);
		usleep(1000 + (useconds_t)(rand() % 20000));
	}
	if (st == DOSSIER_LOCKED) {
		lock = dossier_lock_path(&d);
		msg_errx(HLEG_EXIT_SYSTEM, "%s exists, so main cannot move: another "
		    "program is writing the dossier, or one stopped while "
		    "writing; if no git or hleg is running on it, remove %s "
		    "and try again", lock, lock);
	}
	if (st == DOSSIER_GONE)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: git gc removed the new commit "
		    "%d times before main could point at it; nothing was "
		    "recorded: try again when git gc has finished", d.name,
		    ATTEMPTS);
	if (st == DOSSIER_MOVED)
		refuse(o, "HLEG-W019", "other writers moved the main branch "
		    "%d times while this event was being recorded; nothing "
		    "was recorded: try again", ATTEMPTS);
	if (st != DOSSIER_OK)
		return HLEG_EXIT_SYSTEM;

	git_oid_tostr(hex, sizeof(hex), &a.commit);
	printf("%s %s: %s -> %s [%s]\n", a.step.event, o->id, a.step.from,
	    a.step.to, hex);
	free(recorded);
	recorded = NULL;
	xappendf(&recorded, "%s %s is recorded as commit %s", a.step.event,
	    o->id, hex);
	if (dossier_has_worktree(&d) && worktree_checkout(&d, a.tip, path,
	    (const char *)a.bytes, (size_t)a.len) < 0)
		msg_warnx("the event is recorded; bring the work tree up to date "
		    "with: git checkout HEAD -- %s", path);
	attempt_clear(&a);
	free(path);
	dossier_close(&d);
	return HLEG_EXIT_OK;
}

/* Undoes the escapes of a batch field in place: \n, \t and \\. */
static void
unescape(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == 't' ||
		    s[1] == '\\')) {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\';
		} else
			*o++ = *s;
	}
	*o = '\0';
}

/* Records the events of standard input, one a line:
 *	id TAB event [TAB actor [TAB sector [TAB outcome [TAB note [TAB date]]]]]
 * each in a process forked from this one, which has paid for loading
 * libgit2, the schema and the rules once.  Returns the worst status. */
static int
batch(const struct options *defaults, struct validator *v)
{
	char		*line = NULL, *field[7], *p;
	size_t		 cap = 0, n;
	ssize_t		 len;
	unsigned long	 lineno = 0;
	int		 worst = HLEG_EXIT_OK, status;
	pid_t		 pid;

	/* Unbuffered, so that no child finds read-ahead input in its copy
	 * of the stream: exit() would seek the shared descriptor back to
	 * it, and this loop would read the same lines again. */
	setvbuf(stdin, NULL, _IONBF, 0);
	while ((len = getline(&line, &cap, stdin)) != -1) {
		struct options	 o = *defaults;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (len > 16384) {
			msg_warnx("<stdin>:%lu: the line is longer than 16384 "
			    "bytes", lineno);
			worst = HLEG_EXIT_SYSTEM;
			continue;
		}
		memset(field, 0, sizeof(field));
		for (n = 0, p = line; n < 7 && p != NULL; n++) {
			field[n] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
			if (*field[n] == '\0' || strcmp(field[n], "-") == 0)
				field[n] = NULL;
		}
		if (p != NULL || field[0] == NULL || field[1] == NULL) {
			msg_warnx("<stdin>:%lu: give id, event and optionally "
			    "actor, sector, outcome, note, date, separated by "
			    "tabs", lineno);
			worst = HLEG_EXIT_SYSTEM;
			continue;
		}
		o.id = field[0];
		o.event = field[1];
		if (field[2] != NULL)
			o.actor = field[2];
		if (field[3] != NULL)
			o.sector = field[3];
		if (field[4] != NULL)
			o.outcome = field[4];
		if (field[5] != NULL) {
			unescape(field[5]);
			o.note = field[5];
		}
		fflush(stdout);
		fflush(stderr);
		if ((pid = fork()) == -1)
			msg_err(HLEG_EXIT_SYSTEM, "fork");
		if (pid == 0) {
			if (field[6] != NULL &&
			    (setenv("GIT_AUTHOR_DATE", field[6], 1) != 0 ||
			    setenv("GIT_COMMITTER_DATE", field[6], 1) != 0))
				msg_err(HLEG_EXIT_SYSTEM, "setenv");
			exit(finish(record(&o, v)));
		}
		if (waitpid(pid, &status, 0) == -1)
			msg_err(HLEG_EXIT_SYSTEM, "waitpid");
		status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    HLEG_EXIT_SYSTEM;
		if (status > worst)
			worst = status;
	}
	if (ferror(stdin))
		msg_err(HLEG_EXIT_SYSTEM, "<stdin>");
	free(line);
	return worst;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "batch", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "note", required_argument, NULL, 'n' },
		{ "outcome", required_argument, NULL, 'o' },
		{ "sector", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct options		 o;
	struct validate_setup	 setup;
	struct validator	*v;
	int			 ch, rc, batch_mode = 0;

	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "C:h", longopts, NULL)) != -1)
		switch (ch) {
		case 'a':
			o.actor = optarg;
			break;
		case 'b':
			batch_mode = 1;
			break;
		case 'C':
			o.dir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'n':
			o.note = optarg;
			break;
		case 'o':
			o.outcome = optarg;
			break;
		case 's':
			o.sector = optarg;
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (batch_mode ? argc != 0 : argc != 2)
		usage();
	if (!batch_mode) {
		o.id = argv[0];
		o.event = argv[1];
		check_arguments(&o);
	}

	dossier_library_init();
	if (validate_setup(&setup) == -1 ||
	    (v = validator_new(&setup)) == NULL)
		return HLEG_EXIT_SYSTEM;
	rc = batch_mode ? batch(&o, v) : record(&o, v);
	validator_free(v);
	validate_cleanup(&setup);
	dossier_library_shutdown();
	return finish(rc);
}

/*
 * audit.c - judge one commit against its parent.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>

#include "audit.h"
#include "content.h"
#include "event.h"
#include "gitdate.h"
#include "history.h"
#include "ids.h"
#include "msg.h"
#include "node.h"
#include "parse.h"
#include "roster.h"
#include "trailers.h"
#include "treediff.h"
#include "util.h"
#include "workflow.h"

/* Rosters and workflow definitions read, by blob id: a history changes
 * them seldom, and a merge may look at an older one. */
#define CACHE 4

/* Content versions are kept by blob id, since the document an event
 * commit writes is the one the next event on it reads; at most this many
 * before the table starts again. */
#define VERSIONS_MAX 65536

struct cached_roster {
	git_oid		 oid;
	struct roster	*roster;	/* NULL when the blob is invalid */
	int		 used;
};

struct cached_workflow {
	git_oid		 oid;
	struct workflow	*workflow;	/* NULL when the blob is invalid */
	int		 used;
};

struct audit {
	git_repository		*repo;
	struct validator	*v;
	struct parser		*parser;
	struct cached_roster	 rosters[CACHE];
	struct cached_workflow	 workflows[CACHE];
	size_t			 next_roster, next_workflow;
	xmlHashTablePtr		 versions;	/* blob id -> content version */
	struct treediff_cache	 trees;
};

/* What a commit changes in one document. */
struct change {
	const char	*path;		/* documents/ID.xml */
	char		 id[65];
	git_delta_t	 status;
	const git_oid	*old_oid, *new_oid;
	xmlDocPtr	 old_doc, new_doc;
	int		 new_valid;	/* new_doc passed schema and rules */
	int		 event;		/* its workflow record changed */
};

/* Everything one commit's checks need. */
struct judged {
	struct audit		*a;
	git_commit		*commit;
	struct findings		*out;
	const struct roster	*roster;	/* the parent's, or NULL */
	const struct workflow	*workflow;	/* the parent's, or NULL */
	char			*author_id;	/* on the parent's roster */
	char			 short_id[9];
};

void
findings_add(struct findings *f, const git_oid *commit, const char *path,
    const char *rule, const char *fmt, ...)
{
	struct finding	*last;
	va_list		 ap;

	last = f->count > 0 ? &f->items[f->count - 1] : NULL;
	if (last == NULL || !git_oid_equal(&last->commit, commit) ||
	    (last->path == NULL) != (path == NULL) ||
	    (path != NULL && strcmp(last->path, path) != 0)) {
		if (f->count == f->alloc) {
			f->alloc = f->alloc ? f->alloc * 2 : 8;
			f->items = xrealloc(f->items,
			    f->alloc * sizeof(*f->items));
		}
		last = &f->items[f->count++];
		memset(last, 0, sizeof(*last));
		git_oid_cpy(&last->commit, commit);
		last->path = path ? xstrdup(path) : NULL;
	}
	va_start(ap, fmt);
	diag_vadd(&last->diags, DIAG_ERROR, 0, 0, rule, fmt, ap);
	va_end(ap);
	f->errors++;
}

/* Adds the errors of diags, about path of commit, to f. */
static void
findings_add_diags(struct findings *f, const git_oid *commit,
    const char *path, const struct diag_list *diags)
{
	struct finding	*last;

	for (size_t i = 0; i < diags->count; i++) {
		const struct diag	*d = &diags->items[i];

		if (d->level != DIAG_ERROR)
			continue;
		findings_add(f, commit, path, d->rule, "%s", d->message);
		last = &f->items[f->count - 1];
		last->diags.items[last->diags.count - 1].line = d->line;
		last->diags.items[last->diags.count - 1].column = d->column;
	}
	/* Only errors are findings: the dropped ones count when some
	 * error was found, kept or dropped. */
	if (diags->dropped > 0 && diags->worst == DIAG_ERROR)
		findings_add(f, commit, path, "HLEG-P000", "%zu more "
		    "diagnostics were dropped", diags->dropped);
}

void
findings_clear(struct findings *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].path);
		diag_clear(&f->items[i].diags);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

char *
finding_name(const struct finding *f)
{
	char	 hex[9], *name = NULL;

	git_oid_tostr(hex, sizeof(hex), &f->commit);
	xappendf(&name, "%s%s%s", hex, f->path ? ":" : "",
	    f->path ? f->path : "");
	return name;
}

struct audit *
audit_new(git_repository *repo, const struct validate_setup *setup)
{
	struct audit	*a = xcalloc(1, sizeof(*a));

	a->repo = repo;
	if ((a->versions = xmlHashCreate(1024)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	if ((a->v = validator_new(setup)) == NULL ||
	    (a->parser = parser_new()) == NULL) {
		audit_free(a);
		return NULL;
	}
	return a;
}

void
audit_free(struct audit *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < CACHE; i++) {
		roster_free(a->rosters[i].roster);
		workflow_free(a->workflows[i].workflow);
	}
	xmlHashFree(a->versions, xmlHashDefaultDeallocator);
	treediff_cache_clear(&a->trees);
	validator_free(a->v);
	parser_free(a->parser);
	free(a);
}

/* Reads blob oid into src, named "COMMIT:path", as dossier_blob() does
 * (a blob too large is not read, and the parser refuses it).  Returns 0,
 * or -1 after a message. */
static int
read_blob(struct judged *j, const git_oid *oid, const char *path,
    struct source *src)
{
	char		*name = NULL;
	int		 rc;

	xappendf(&name, "%s:%s", j->short_id, path);
	if ((rc = dossier_blob(j->a->repo, oid, name, src)) != 0)
		msg_warnx("%s: %s", name, dossier_error());
	free(name);
	return rc;
}

/* Validates the blob oid of path as a document of kind (KIND_NONE: a
 * proposal or a report) against roster.  Adds its errors to the findings
 * when report is set.  Returns the document when it is valid, else NULL;
 * *docp receives whatever could be parsed (the caller frees it). */
static xmlDocPtr
validate_blob(struct judged *j, const git_oid *oid, const char *path,
    enum kind kind, const struct roster *roster, int report, xmlDocPtr *docp,
    int *failed)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;
	enum kind		 k;

	*docp = NULL;
	*failed = 0;
	if (read_blob(j, oid, path, &src) != 0) {
		*failed = 1;
		return NULL;
	}
	memset(&diags, 0, sizeof(diags));
	validator_check(j->a->v, &src, roster, &diags, &doc);
	*docp = doc;
	k = doc ? kind_of(doc) : KIND_NONE;
	if (doc != NULL && diags.worst != DIAG_ERROR &&
	    (kind == KIND_NONE ? k != KIND_PROPOSAL && k != KIND_REPORT :
	    k != kind))
		diag_add(&diags, DIAG_ERROR, 1, 0, "HLEG-V002", "%s",
		    kind == KIND_NONE ? "documents/ holds proposals and "
		    "reports only" : kind == KIND_ROSTER ? "roster.xml must "
		    "be a roster" : "workflow.xml must be a workflow "
		    "definition");
	if (report)
		findings_add_diags(j->out, git_commit_id(j->commit), path,
		    &diags);
	source_free(&src);
	if (diags.worst == DIAG_ERROR) {
		diag_clear(&diags);
		return NULL;
	}
	diag_clear(&diags);
	return doc;
}

/* The tree entry id of path in tree, or NULL. */
static const git_oid *
entry_id(git_tree *tree, const char *path)
{
	const git_tree_entry	*e = git_tree_entry_byname(tree, path);

	return e != NULL && git_tree_entry_type(e) == GIT_OBJECT_BLOB ?
	    git_tree_entry_id(e) : NULL;
}

/* The roster of blob oid, read once; NULL when it is invalid. */
static const struct roster *
roster_at(struct judged *j, const git_oid *oid)
{
	struct cached_roster	*c;
	xmlDocPtr		 doc, parsed;
	int			 failed;

	if (oid == NULL)
		return NULL;
	for (size_t i = 0; i < CACHE; i++)
		if (j->a->rosters[i].used &&
		    git_oid_equal(&j->a->rosters[i].oid, oid))
			return j->a->rosters[i].roster;
	/* Never the entry of the parent's roster, which j holds. */
	c = &j->a->rosters[j->a->next_roster++ % CACHE];
	if (c->roster != NULL && c->roster == j->roster)
		c = &j->a->rosters[j->a->next_roster++ % CACHE];
	roster_free(c->roster);
	memset(c, 0, sizeof(*c));
	doc = validate_blob(j, oid, "roster.xml", KIND_ROSTER, NULL, 0,
	    &parsed, &failed);
	if (doc != NULL)
		c->roster = roster_new(doc);
	else
		xmlFreeDoc(parsed);
	git_oid_cpy(&c->oid, oid);
	c->used = !failed;
	return c->roster;
}

/* The workflow definition of blob oid, read once; NULL when invalid. */
static const struct workflow *
workflow_at(struct judged *j, const git_oid *oid, char **why)
{
	struct cached_workflow	*c;
	xmlDocPtr		 doc, parsed;
	int			 failed;

	*why = NULL;
	if (oid == NULL)
		return NULL;
	for (size_t i = 0; i < CACHE; i++)
		if (j->a->workflows[i].used &&
		    git_oid_equal(&j->a->workflows[i].oid, oid))
			return j->a->workflows[i].workflow;
	c = &j->a->workflows[j->a->next_workflow++ % CACHE];
	if (c->workflow != NULL && c->workflow == j->workflow)
		c = &j->a->workflows[j->a->next_workflow++ % CACHE];
	workflow_free(c->workflow);
	memset(c, 0, sizeof(*c));
	doc = validate_blob(j, oid, "workflow.xml", KIND_WORKFLOW, NULL, 0,
	    &parsed, &failed);
	if (doc != NULL)
		c->workflow = workflow_read(doc, why);
	xmlFreeDoc(parsed);
	git_oid_cpy(&c->oid, oid);
	c->used = !failed;
	return c->workflow;
}

/* The content version of doc, the blob oid.  Returns 0, or -1 when the
 * document cannot be canonicalised. */
static int
version_of(struct judged *j, const git_oid *oid, xmlDocPtr doc,
    char out[CONTENT_VERSION_SIZE])
{
	char		 key[GIT_OID_HEXSZ + 1];
	const char	*known;

	git_oid_tostr(key, sizeof(key), oid);
	if ((known = xmlHashLookup(j->a->versions, (const xmlChar *)key))
	    != NULL) {
		memcpy(out, known, CONTENT_VERSION_SIZE);
		return 0;
	}
	if (content_version(doc, out) != 0)
		return -1;
	if (xmlHashSize(j->a->versions) >= VERSIONS_MAX) {
		xmlHashFree(j->a->versions, xmlHashDefaultDeallocator);
		if ((j->a->versions = xmlHashCreate(1024)) == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	}
	if (xmlHashAddEntry(j->a->versions, (const xmlChar *)key,
	    xstrdup(out)) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	return 0;
}

/* Parses the blob oid of path without validating it (it was judged
 * when its commit was); NULL when it cannot be parsed. */
static xmlDocPtr
parse_blob(struct judged *j, const git_oid *oid, const char *path,
    int *failed)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc;

	*failed = 0;
	if (read_blob(j, oid, path, &src) != 0) {
		*failed = 1;
		return NULL;
	}
	memset(&diags, 0, sizeof(diags));
	doc = parser_read(j->a->parser, &src, &diags);
	diag_clear(&diags);
	source_free(&src);
	return doc;
}

/* The steps of a workflow element, in order (malloc'd; *n of them). */
static xmlNodePtr *
steps_of(xmlNodePtr wf, size_t *n)
{
	xmlNodePtr	*v = NULL;
	size_t		 alloc = 0;

	*n = 0;
	for (xmlNodePtr s = wf ? wf->children : NULL; s; s = s->next) {
		if (!node_is(s, "step"))
			continue;
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		v[(*n)++] = s;
	}
	return v;
}

/* Whether two steps record the same: attributes and note. */
static int
step_same(xmlNodePtr a, xmlNodePtr b)
{
	struct step	 x, y;
	int		 same;

#define SAME(f) ((x.f == NULL && y.f == NULL) || \
	(x.f != NULL && y.f != NULL && strcmp(x.f, y.f) == 0))
	if (event_step_read(a, &x) != 0)
		return 0;
	if (event_step_read(b, &y) != 0) {
		step_clear(&x);
		return 0;
	}
	same = SAME(event) && SAME(by) && SAME(from) && SAME(to) &&
	    SAME(sector) && SAME(outcome) && SAME(version) && SAME(note) &&
	    strcmp(x.date, y.date) == 0;
#undef SAME
	step_clear(&x);
	step_clear(&y);
	return same;
}

/* Whether the workflow records of two documents differ. */
static int
workflow_changed(xmlDocPtr old, xmlDocPtr new)
{
	xmlNodePtr	*a, *b;
	size_t		 na, nb;
	char		*sa = event_state(old), *sb = event_state(new);
	int		 changed;

	changed = sa == NULL || sb == NULL || strcmp(sa, sb) != 0;
	a = steps_of(event_workflow(old), &na);
	b = steps_of(event_workflow(new), &nb);
	if (na != nb)
		changed = 1;
	for (size_t i = 0; !changed && i < na; i++)
		changed = !step_same(a[i], b[i]);
	free(a);
	free(b);
	free(sa);
	free(sb);
	return changed;
}

/* Whether two records agree on one field (both absent, or equal). */
static int
agree(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

#define OR_NONE(s) ((s) ? (s) : "nothing")

/* Compares the trailers of the commit with the step it records. */
static void
check_trailers(struct judged *j, const struct change *ch,
    const struct step *s)
{
	const git_oid		*c = git_commit_id(j->commit);
	struct event_record	 r;
	char			*why;

	switch (trailers_read(git_commit_message(j->commit), &r)) {
	case 0:
		findings_add(j->out, c, ch->path, "HLEG-V010", "the commit "
		    "records a %s step but its message has no HLEG trailers: "
		    "events are recorded with hleg-transition", s->event);
		break;
	case -1:
		why = history_why_malformed(&r);
		findings_add(j->out, c, ch->path, "HLEG-V010", "the commit "
		    "records a %s step but its HLEG trailers are malformed: "
		    "%s", s->event, why);
		free(why);
		break;
	default:
		if (strcmp(r.document, ch->id) != 0)
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-Document says %s, but the commit records a "
			    "step of %s", r.document, ch->id);
		else if (strcmp(r.event, s->event) != 0)
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-Event says %s, but the step records %s",
			    r.event, s->event);
		else if (strcmp(r.from, s->from) != 0 ||
		    strcmp(r.to, s->to) != 0)
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-State says %s -> %s, but the step records "
			    "%s -> %s", r.from, r.to, s->from, s->to);
		else if (strcmp(r.actor, s->by) != 0)
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-Actor says %s, but the step records %s",
			    r.actor, s->by);
		else if (!agree(r.sector, s->sector))
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-Sector says %s, but the step records %s",
			    OR_NONE(r.sector), OR_NONE(s->sector));
		else if (!agree(r.outcome, s->outcome))
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-Outcome says %s, but the step records %s",
			    OR_NONE(r.outcome), OR_NONE(s->outcome));
		else if (!agree(r.version, s->version))
			findings_add(j->out, c, ch->path, "HLEG-V011",
			    "HLEG-Version says %s, but the step records %s",
			    OR_NONE(r.version), OR_NONE(s->version));
		break;
	}
	event_record_clear(&r);
}

/* Whether the comments of two versions of a document differ, outside
 * their workflow records.  Processing instructions are in the content
 * version already. */
static int
comments_differ(xmlDocPtr old, xmlDocPtr new)
{
	char	 a[CONTENT_VERSION_SIZE], b[CONTENT_VERSION_SIZE];

	if (!content_has_comments(old) && !content_has_comments(new))
		return 0;
	if (content_comments_version(old, a) != 0 ||
	    content_comments_version(new, b) != 0)
		return 1;
	return strcmp(a, b) != 0;
}

/* Checks the event commit that changes document ch. */
static void
check_event(struct judged *j, const struct change *ch)
{
	const git_oid		*c = git_commit_id(j->commit);
	const git_signature	*author = git_commit_author(j->commit);
	char			 old_v[CONTENT_VERSION_SIZE];
	char			 new_v[CONTENT_VERSION_SIZE], day[11];
	xmlNodePtr		*a, *b;
	size_t			 na, nb, same = 0;
	struct step		 s, expected;
	struct event_request	 q;
	struct refusal		 ref;
	struct gitdate		 when;
	char			*state = NULL, *email;

	if (version_of(j, ch->old_oid, ch->old_doc, old_v) != 0 ||
	    version_of(j, ch->new_oid, ch->new_doc, new_v) != 0) {
		findings_add(j->out, c, ch->path, "HLEG-V008", "the document "
		    "cannot be canonicalised");
		return;
	}
	if (strcmp(old_v, new_v) != 0)
		findings_add(j->out, c, ch->path, "HLEG-V008", "the commit "
		    "records a step and also changes the document's content: "
		    "an event commit changes the workflow record only");
	else if (comments_differ(ch->old_doc, ch->new_doc))
		findings_add(j->out, c, ch->path, "HLEG-V008", "the commit "
		    "records a step and also changes the document's comments: "
		    "an event commit changes the workflow record only");

	a = steps_of(event_workflow(ch->old_doc), &na);
	b = steps_of(event_workflow(ch->new_doc), &nb);
	while (same < na && same < nb && step_same(a[same], b[same]))
		same++;
	if (same != na || nb != na + 1 || event_step_read(b[na], &s) != 0) {
		findings_add(j->out, c, ch->path, "HLEG-V009", "the workflow "
		    "record changes, but not by one new step after the %zu "
		    "it had: recorded steps are never changed or removed",
		    na);
		free(a);
		free(b);
		return;
	}
	free(a);
	free(b);

	check_trailers(j, ch, &s);
	email = roster_field(j->roster ? roster_person(j->roster, s.by) :
	    NULL, "email");
	if (j->roster != NULL && (email == NULL || author->email == NULL ||
	    strcasecmp(email, author->email) != 0))
		findings_add(j->out, c, ch->path, "HLEG-V013", "the step is "
		    "by %s, but the commit's author is %s <%s>%s%s%s: the "
		    "acting member is the author of an event", s.by,
		    author->name, author->email, email ? ", not " : "",
		    email ? email : "", email ? "" : "");
	free(email);
	when.seconds = (long long)author->when.time;
	when.offset = author->when.offset;
	/* A date out of range is a finding of the commit already. */
	gitdate_day(&when, day);
	if (gitdate_in_range(&when) && strcmp(day, s.date) != 0)
		findings_add(j->out, c, ch->path, "HLEG-V014", "the step is "
		    "dated %s, but the commit was authored on %s: an event's "
		    "date is its commit's", s.date, day);

	if (j->roster == NULL || j->workflow == NULL)
		goto done;
	memset(&q, 0, sizeof(q));
	q.event = s.event;
	q.actor = s.by;
	q.sector = s.sector;
	q.outcome = s.outcome;
	q.note = s.note;
	memcpy(q.date, s.date, sizeof(q.date));
	if (event_check(j->workflow, j->roster, ch->old_doc, old_v, &q,
	    &expected, &ref) != 0) {
		findings_add(j->out, c, ch->path, ref.rule, "%s", ref.message);
		refusal_clear(&ref);
		goto done;
	}
	state = event_state(ch->new_doc);
	if (strcmp(expected.from, s.from) != 0 ||
	    strcmp(expected.to, s.to) != 0)
		findings_add(j->out, c, ch->path, "HLEG-V009", "the step "
		    "records %s -> %s, but %s takes the document from %s to "
		    "%s", s.from, s.to, s.event, expected.from, expected.to);
	else if (state == NULL || strcmp(state, s.to) != 0)
		findings_add(j->out, c, ch->path, "HLEG-V009", "the workflow "
		    "record says the document is %s, but its last step "
		    "leaves it %s", state ? state : "in no state", s.to);
	else if (!agree(expected.version, s.version))
		findings_add(j->out, c, ch->path, "HLEG-V012", "the step "
		    "records version %.12s, but the document's content "
		    "version is %.12s: a step records the version it %ss, "
		    "and only an endorsing event records one",
		    OR_NONE(s.version), OR_NONE(expected.version), s.event);
	step_clear(&expected);
done:
	free(state);
	step_clear(&s);
}

/* Whether the document at doc is in the workflow's initial state with
 * no steps; its state in *state (malloc'd) either way. */
static int
is_initial(const struct workflow *w, xmlDocPtr doc, char **state)
{
	size_t		 n;
	xmlNodePtr	*steps = steps_of(event_workflow(doc), &n);

	free(steps);
	*state = event_state(doc);
	return *state != NULL && w != NULL && strcmp(*state, w->initial) == 0;
}

/* Checks what the commit does to one document, other than an event. */
static void
check_content(struct judged *j, struct change *ch)
{
	const git_oid	*c = git_commit_id(j->commit);
	char		 old_v[CONTENT_VERSION_SIZE];
	char		 new_v[CONTENT_VERSION_SIZE];
	char		*state = NULL;
	size_t		 n;
	xmlNodePtr	*steps;

	if (j->workflow == NULL)
		return;
	switch (ch->status) {
	case GIT_DELTA_ADDED:
		steps = steps_of(event_workflow(ch->new_doc), &n);
		free(steps);
		if (!is_initial(j->workflow, ch->new_doc, &state) || n != 0)
			findings_add(j->out, c, ch->path, "HLEG-V007", "a new "
			    "document starts as %s with no steps; this one "
			    "is %s with %zu: its record is the history's, "
			    "made by hleg-transition", j->workflow->initial,
			    state ? state : "in no state", n);
		break;
	case GIT_DELTA_DELETED:
		if (ch->old_doc != NULL &&
		    !is_initial(j->workflow, ch->old_doc, &state))
			findings_add(j->out, c, ch->path, "HLEG-V006", "the "
			    "document is %s and is deleted: a document that "
			    "has left %s stays in the dossier (to end it, "
			    "withdraw it)", state ? state : "in no state",
			    j->workflow->initial);
		break;
	default:
		if (ch->old_doc == NULL ||
		    is_initial(j->workflow, ch->old_doc, &state))
			break;
		if (version_of(j, ch->old_oid, ch->old_doc, old_v) != 0 ||
		    version_of(j, ch->new_oid, ch->new_doc, new_v) != 0 ||
		    strcmp(old_v, new_v) != 0)
			findings_add(j->out, c, ch->path, "HLEG-V006", "the "
			    "document is %s and its content changes: content "
			    "changes only while a document is %s",
			    state ? state : "in no state",
			    j->workflow->initial);
		else if (comments_differ(ch->old_doc, ch->new_doc))
			findings_add(j->out, c, ch->path, "HLEG-V006", "the "
			    "document is %s and its comments change: they are "
			    "frozen with its content once it has left %s",
			    state ? state : "in no state",
			    j->workflow->initial);
		break;
	}
	free(state);
}

int
audit_document_path(const char *path, char id[65])
{
	size_t	 n;

	if (strncmp(path, "documents/", 10) != 0)
		return 0;
	path += 10;
	n = strlen(path);
	if (n < 5 || n - 4 > 64 || strcmp(path + n - 4, ".xml") != 0)
		return 0;
	memcpy(id, path, n - 4);
	id[n - 4] = '\0';
	return id_document_valid(id);
}

/* Checks a change of roster.xml, workflow.xml or .gitattributes. */
static void
check_layout_file(struct judged *j, const struct tree_change *d)
{
	const git_oid	*c = git_commit_id(j->commit);
	const char	*path = d->path;
	xmlDocPtr	 doc, parsed;
	char		*why = NULL;
	int		 failed;

	if (d->status == GIT_DELTA_DELETED) {
		findings_add(j->out, c, path, "HLEG-V001", "%s is deleted: a "
		    "dossier keeps its roster.xml, workflow.xml and "
		    ".gitattributes", path);
		return;
	}
	if (d->new_mode != GIT_FILEMODE_BLOB) {
		findings_add(j->out, c, path, "HLEG-V001", "%s is %s; it "
		    "must be a plain file", path,
		    dossier_mode_name((git_filemode_t)d->new_mode));
		return;
	}
	if (strcmp(path, ".gitattributes") == 0)
		return;
	doc = validate_blob(j, &d->new_id, path,
	    strcmp(path, "roster.xml") == 0 ? KIND_ROSTER : KIND_WORKFLOW,
	    NULL, 1, &parsed, &failed);
	if (doc != NULL && strcmp(path, "workflow.xml") == 0) {
		struct workflow	*w = workflow_read(doc, &why);

		if (w == NULL) {
			findings_add(j->out, c, path, "HLEG-V003", "the "
			    "workflow definition contradicts itself: %s", why);
			free(why);
		}
		workflow_free(w);
	}
	xmlFreeDoc(parsed);
}

/* Reads and validates the documents a commit changes. */
static int
read_change(struct judged *j, struct change *ch, const struct roster *roster)
{
	xmlDocPtr	 parsed;
	xmlChar		*id;
	int		 failed;

	if (ch->status != GIT_DELTA_ADDED) {
		ch->old_doc = parse_blob(j, ch->old_oid, ch->path, &failed);
		if (failed)
			return -1;
	}
	if (ch->status == GIT_DELTA_DELETED)
		return 0;
	ch->new_valid = validate_blob(j, ch->new_oid, ch->path, KIND_NONE,
	    roster, 1, &parsed, &failed) != NULL;
	if (failed)
		return -1;
	ch->new_doc = parsed;
	if (!ch->new_valid)
		return 0;
	id = xmlGetProp(xmlDocGetRootElement(parsed), (const xmlChar *)"id");
	if (id == NULL || strcmp((const char *)id, ch->id) != 0) {
		findings_add(j->out, git_commit_id(j->commit), ch->path,
		    "HLEG-V002", "the file holds the document %s: a "
		    "document's file is documents/ID.xml, after its id",
		    id ? (const char *)id : "without an id");
		ch->new_valid = 0;
	}
	xmlFree(id);
	return 0;
}

/* The author's and the committer's dates lie in the years 0001 to
 * 9999: a later year would be written, and compared, modulo 10000. */
static void
dates_in_range(struct judged *j)
{
	const git_signature	*who[2] = { git_commit_author(j->commit),
	    git_commit_committer(j->commit) };
	struct gitdate		 d;

	for (int i = 0; i < 2; i++) {
		d.seconds = (long long)who[i]->when.time;
		d.offset = who[i]->when.offset;
		if (!gitdate_in_range(&d))
			findings_add(j->out, git_commit_id(j->commit), NULL,
			    "HLEG-V014", "the commit's %s date (%lld seconds "
			    "since 1970, at %+d minutes) lies outside the "
			    "years 0001 to 9999: a day of four digits cannot "
			    "tell it", i == 0 ? "author" : "committer",
			    d.seconds, d.offset);
	}
}

int
audit_root(struct audit *a, git_commit *c, struct findings *out)
{
	struct judged	 j;
	git_tree	*tree;
	struct tree_changes diff;
	xmlDocPtr	 doc, parsed;
	const char	*paths[] = { "roster.xml", "workflow.xml" };
	const git_oid	*oid;
	int		 failed, rc = 0;

	memset(&j, 0, sizeof(j));
	j.a = a;
	j.commit = c;
	j.out = out;
	git_oid_tostr(j.short_id, sizeof(j.short_id), git_commit_id(c));
	if (git_commit_tree(&tree, c) != 0) {
		msg_warnx("%s: %s", j.short_id, git_error_last()->message);
		return -1;
	}
	/* Even the first commit's trees are as git writes them. */
	memset(&diff, 0, sizeof(diff));
	if (treediff(a->repo, NULL, NULL, tree, &diff) != 0) {
		msg_warnx("%s: %s", j.short_id, dossier_error());
		git_tree_free(tree);
		return -1;
	}
	for (size_t i = 0; i < diff.nmalformed; i++)
		findings_add(out, git_commit_id(c), NULL, "HLEG-V020", "%s; "
		    "git writes no such tree, and tools read it differently: "
		    "make the commit with git", diff.malformed[i]);
	tree_changes_clear(&diff);
	for (size_t i = 0; i < 2 && rc == 0; i++) {
		if ((oid = entry_id(tree, paths[i])) == NULL) {
			findings_add(out, git_commit_id(c), NULL, "HLEG-V003",
			    "the dossier's first commit has no %s: it must "
			    "establish the roster and the workflow", paths[i]);
			continue;
		}
		doc = validate_blob(&j, oid, paths[i], i == 0 ? KIND_ROSTER :
		    KIND_WORKFLOW, NULL, 1, &parsed, &failed);
		if (failed)
			rc = -1;
		else if (doc != NULL && i == 1) {
			char		*why;
			struct workflow	*w = workflow_read(doc, &why);

			if (w == NULL) {
				findings_add(out, git_commit_id(c), paths[i],
				    "HLEG-V003", "the workflow definition "
				    "contradicts itself: %s", why);
				free(why);
			}
			workflow_free(w);
		}
		xmlFreeDoc(parsed);
	}
	git_tree_free(tree);
	return rc;
}

int
audit_commit(struct audit *a, git_commit *c, struct findings *out)
{
	struct judged		 j;
	const git_oid		*id = git_commit_id(c);
	git_commit		*parent = NULL;
	git_tree		*ptree = NULL, *ctree = NULL;
	struct tree_changes	 diff;
	struct change		*changes = NULL;
	const struct roster	*croster;
	const git_oid		*roster_oid;
	struct event_record	 r;
	size_t			 ndeltas, nchanges = 0, nevents = 0;
	size_t			 invalid = 0;
	int			 layout = 0, merge, rc = -1, claims;
	char			*why;

	memset(&j, 0, sizeof(j));
	j.a = a;
	j.commit = c;
	j.out = out;
	git_oid_tostr(j.short_id, sizeof(j.short_id), id);
	if (git_commit_parentcount(c) == 0) {
		findings_add(out, id, NULL, "HLEG-V018", "a second first "
		    "commit: a dossier's history has one root, made by "
		    "hleg-init; this one belongs to another history");
		return 0;
	}
	merge = git_commit_parentcount(c) > 1;
	memset(&diff, 0, sizeof(diff));
	if (git_commit_parent(&parent, c, 0) != 0 ||
	    git_commit_tree(&ptree, parent) != 0 ||
	    git_commit_tree(&ctree, c) != 0 ||
	    treediff(a->repo, &a->trees, ptree, ctree, &diff) != 0) {
		msg_warnx("%s: %s", j.short_id, git_error_last() ?
		    git_error_last()->message : "cannot read the commit");
		goto done;
	}

	/* A malformed tree is not compared: its order cannot be trusted,
	 * and git and libgit2 would read it differently. */
	for (size_t i = 0; i < diff.nmalformed; i++)
		findings_add(out, id, NULL, "HLEG-V020", "%s; git writes no "
		    "such tree, and tools read it differently: make the "
		    "commit with git", diff.malformed[i]);
	if (diff.nmalformed > 0) {
		rc = 0;
		goto done;
	}

	dates_in_range(&j);

	/* The parent's roster and workflow judge the commit: without them,
	 * nothing can be judged, and that is a finding, not a pass. */
	j.roster = roster_at(&j, entry_id(ptree, "roster.xml"));
	j.workflow = workflow_at(&j, entry_id(ptree, "workflow.xml"), &why);
	free(why);
	if (j.roster == NULL || j.workflow == NULL)
		findings_add(out, id, NULL, "HLEG-V003", "the parent commit "
		    "has no valid %s, by which this commit would be judged: "
		    "the dossier must keep a valid roster and workflow "
		    "definition at every commit", j.roster == NULL ?
		    "roster.xml" : "workflow.xml");
	roster_oid = entry_id(ctree, "roster.xml");
	croster = roster_oid != NULL ? roster_at(&j, roster_oid) : NULL;
	if (j.roster != NULL)
		j.author_id = roster_id_by_email(j.roster,
		    git_commit_author(c)->email);

	ndeltas = diff.count;
	changes = xcalloc(ndeltas ? ndeltas : 1, sizeof(*changes));
	for (size_t i = 0; i < ndeltas; i++) {
		const struct tree_change *d = &diff.items[i];
		const char		*path = d->path;
		char			*shown;
		struct change		*ch = &changes[nchanges];

		if (strcmp(path, "roster.xml") == 0 ||
		    strcmp(path, "workflow.xml") == 0 ||
		    strcmp(path, ".gitattributes") == 0) {
			layout = 1;
			check_layout_file(&j, d);
		} else if (audit_document_path(path, ch->id)) {
			if (d->status != GIT_DELTA_DELETED &&
			    d->new_mode != GIT_FILEMODE_BLOB) {
				findings_add(out, id, path, "HLEG-V001", "%s is "
				    "%s; a document must be a plain file",
				    path, dossier_mode_name(
				    (git_filemode_t)d->new_mode));
				continue;
			}
			if (d->status != GIT_DELTA_ADDED &&
			    d->old_mode != GIT_FILEMODE_BLOB)
				ch->status = GIT_DELTA_ADDED;
			else
				ch->status = d->status;
			ch->path = path;
			ch->old_oid = &d->old_id;
			ch->new_oid = &d->new_id;
			nchanges++;
		} else if (d->status != GIT_DELTA_DELETED &&
		    !(strcmp(path, "documents/.gitkeep") == 0 &&
		    d->new_mode == GIT_FILEMODE_BLOB)) {
			/* Any name at all: escaped here, as a message's
			 * newlines become spaces. */
			shown = msg_escape(path, strlen(path));
			findings_add(out, id, path, "HLEG-V001", "%s is "
			    "outside the dossier's layout: a dossier holds "
			    "roster.xml, workflow.xml, .gitattributes and "
			    "documents/ID.xml, with ID an upper-case "
			    "document id", shown);
			free(shown);
		}
	}

	if (layout && (j.roster == NULL || j.author_id == NULL ||
	    !roster_has_role(j.roster, j.author_id, "secretariat")))
		findings_add(out, id, NULL, "HLEG-V004", "the commit changes "
		    "the dossier's roster, workflow definition or attributes, "
		    "and its author %s <%s> is not the secretariat: only the "
		    "secretariat changes those", git_commit_author(c)->name,
		    git_commit_author(c)->email);
	else if (nchanges > 0 && j.roster != NULL && j.author_id == NULL)
		findings_add(out, id, NULL, "HLEG-V005", "the commit changes "
		    "documents, and its author %s <%s> is no member or "
		    "official of the roster: commit with the address the "
		    "roster gives you", git_commit_author(c)->name,
		    git_commit_author(c)->email);

	for (size_t i = 0; i < nchanges; i++) {
		struct change	*ch = &changes[i];

		if (read_change(&j, ch, croster) != 0)
			goto done;
		if (ch->status != GIT_DELTA_DELETED && !ch->new_valid)
			invalid++;
		if (ch->status == GIT_DELTA_MODIFIED && ch->old_doc != NULL &&
		    ch->new_valid && workflow_changed(ch->old_doc, ch->new_doc)) {
			ch->event = 1;
			nevents++;
		}
	}

	if (nevents > 0 && merge)
		findings_add(out, id, NULL, "HLEG-V016", "the merge brings "
		    "%zu workflow event%s: events are recorded on main, one "
		    "commit each, with hleg-transition; they are not merged",
		    nevents, nevents > 1 ? "s" : "");
	else if (nevents > 1)
		findings_add(out, id, NULL, "HLEG-V008", "the commit changes "
		    "the workflow records of %zu documents: an event commit "
		    "records one step of one document", nevents);
	else if (nevents == 1 && ndeltas > 1)
		findings_add(out, id, NULL, "HLEG-V008", "the commit records "
		    "an event and changes %zu other files: an event commit "
		    "changes its document only", ndeltas - 1);
	claims = trailers_read(git_commit_message(c), &r) != 0;
	event_record_clear(&r);
	/* An invalid document is reported as such: whether it records an
	 * event is not judged. */
	if (nevents == 0 && invalid == 0 && claims)
		findings_add(out, id, NULL, "HLEG-V015", "the message has HLEG "
		    "trailers, but the commit records no step: a commit "
		    "claims only the event it makes");

	for (size_t i = 0; i < nchanges; i++) {
		struct change	*ch = &changes[i];

		if (ch->event && nevents == 1 && !merge)
			check_event(&j, ch);
		else if (!ch->event && (ch->status == GIT_DELTA_DELETED ||
		    ch->new_valid))
			check_content(&j, ch);
	}
	rc = 0;
done:
	for (size_t i = 0; i < nchanges; i++) {
		xmlFreeDoc(changes[i].old_doc);
		xmlFreeDoc(changes[i].new_doc);
	}
	free(changes);
	free(j.author_id);
	tree_changes_clear(&diff);
	git_tree_free(ptree);
	git_tree_free(ctree);
	git_commit_free(parent);
	return rc;
}

/*
 * event.c - judge an event and record it as a step.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>

#include "event.h"
#include "ids.h"
#include "msg.h"
#include "node.h"
#include "util.h"
#include "validate.h"

static int
prop_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	int	 yes = v != NULL && value != NULL &&
		    strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return yes;
}

xmlNodePtr
event_workflow(xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (node_is(n, "workflow"))
			return n;
	return NULL;
}

static int
refuse(struct refusal *r, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
refuse(struct refusal *r, const char *rule, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	r->rule = rule;
	r->message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(r->message, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether id is a rapporteur or author of the document. */
static int
is_rapporteur(xmlDocPtr doc, const char *id)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if ((node_is(n, "rapporteur") || node_is(n, "author")) &&
		    prop_is(n, "ref", id))
			return 1;
	return 0;
}

static int
has_sector(xmlDocPtr doc, const char *sector)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (node_is(n, "sector") && prop_is(n, "ref", sector))
			return 1;
	return 0;
}

/* The document's Sectors, "ITU-R, ITU-D" (malloc'd). */
static char *
sectors(xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	char		*s = NULL;
	xmlChar		*v;

	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
		if (node_is(n, "sector") &&
		    (v = xmlGetProp(n, (const xmlChar *)"ref")) != NULL) {
			xappendf(&s, "%s%s", s ? ", " : "", (const char *)v);
			xmlFree(v);
		}
	return s ? s : xstrdup("none");
}

/* Whether a step of event name was taken for sector (by is NULL) or by
 * actor by of version (sector is NULL). */
static int
has_step(xmlNodePtr workflow, const char *event, const char *sector,
    const char *by, const char *version)
{
	for (xmlNodePtr s = workflow->children; s; s = s->next) {
		if (!node_is(s, "step") || !prop_is(s, "event", event))
			continue;
		if (sector != NULL && prop_is(s, "sector", sector))
			return 1;
		if (by != NULL && prop_is(s, "by", by) &&
		    prop_is(s, "version", version))
			return 1;
	}
	return 0;
}

/* Distinct members who took an endorsing step (an event that records
 * the version) of version: each member counts once for each such event,
 * remembered in a table rather than sought among the steps before. */
static unsigned long
endorsements(const struct workflow *w, xmlNodePtr workflow,
    const char *version)
{
	xmlHashTablePtr	 seen;
	unsigned long	 n = 0;

	if ((seen = xmlHashCreate(0)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	for (xmlNodePtr s = workflow->children; s; s = s->next) {
		const struct wf_event	*e;
		xmlChar			*ev, *by;

		if (!node_is(s, "step") || !prop_is(s, "version", version))
			continue;
		ev = xmlGetProp(s, (const xmlChar *)"event");
		by = xmlGetProp(s, (const xmlChar *)"by");
		e = ev ? workflow_event(w, (const char *)ev) : NULL;
		if (e != NULL && e->records_version && by != NULL &&
		    xmlHashLookup2(seen, by, ev) == NULL) {
			if (xmlHashAddEntry2(seen, by, ev, seen) != 0)
				msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
			n++;
		}
		xmlFree(ev);
		xmlFree(by);
	}
	xmlHashFree(seen, NULL);
	return n;
}

/* A list of names for a message, sep between them: the first LIST_MAX
 * and how many more, as a workflow definition may declare thousands of
 * events, states or roles.  Built in time linear in its length. */
#define LIST_MAX 20

struct list {
	char		*s;
	size_t		 len, cap, n;
	const char	*sep;
};

static void
list_put(struct list *l, const char *text)
{
	size_t	 len = strlen(text);

	if (l->len + len + 1 > l->cap) {
		l->cap = (l->len + len + 1) * 2;
		l->s = xrealloc(l->s, l->cap);
	}
	memcpy(l->s + l->len, text, len + 1);
	l->len += len;
}

static void
list_add(struct list *l, const char *name)
{
	if (++l->n > LIST_MAX)
		return;
	if (l->n > 1)
		list_put(l, l->sep);
	list_put(l, name);
}

/* The list's text (malloc'd), or NULL when it is empty. */
static char *
list_end(struct list *l)
{
	char	 more[64];

	if (l->n > LIST_MAX) {
		snprintf(more, sizeof(more), "%s%zu more", l->sep,
		    l->n - LIST_MAX);
		list_put(l, more);
	}
	return l->s;
}

/* Whether a line of note could be read as one of the toolkit's
 * trailers. */
static int
forges_trailer(const char *note)
{
	const char	*line = note;

	while (line != NULL && *line != '\0') {
		const char	*p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "HLEG-", 5) == 0) {
			p += 5;
			while (isalnum((unsigned char)*p) || *p == '-')
				p++;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == ':')
				return 1;
		}
		if ((line = strchr(line, '\n')) != NULL)
			line++;
	}
	return 0;
}

/* Checks that the actor may fire e on doc.  Returns 0 or -1. */
static int
check_actor(const struct wf_event *e, const struct roster *r, xmlDocPtr doc,
    const struct event_request *q, struct refusal *ref)
{
	struct list	 list = { NULL, 0, 0, 0, " or " };
	char		*roles = NULL, *sector;
	int		 role_ok = 0, rapporteur = 0, other_sector = 0;
	int		 is_rap = -1;	/* not known yet */

	if (roster_person(r, q->actor) == NULL)
		return refuse(ref, "HLEG-W003", "'%s' is neither a member nor "
		    "an official of the roster", q->actor);
	for (size_t i = 0; i < e->nby; i++) {
		const struct wf_by	*b = &e->by[i];

		list_add(&list, b->role);
		if (!roster_has_role(r, q->actor, b->role))
			continue;
		if (b->except_rapporteur && is_rap == -1)
			is_rap = is_rapporteur(doc, q->actor);
		if (b->except_rapporteur && is_rap) {
			rapporteur = 1;
			continue;
		}
		if (b->own_sector) {
			sector = roster_field(roster_person(r, q->actor),
			    "@sector");
			if (sector == NULL || q->sector == NULL ||
			    strcmp(sector, q->sector) != 0) {
				free(sector);
				other_sector = 1;
				continue;
			}
			free(sector);
		}
		role_ok = 1;
	}
	roles = list_end(&list);
	if (role_ok) {
		free(roles);
		return 0;
	}
	if (rapporteur)
		refuse(ref, "HLEG-W005", "%s is a rapporteur of this "
		    "document and may not %s it: another member must",
		    q->actor, e->name);
	else if (other_sector)
		refuse(ref, "HLEG-W012", "%s is not the liaison of %s: only "
		    "a Sector's own liaison may %s for it", q->actor,
		    q->sector ? q->sector : "the Sector", e->name);
	else
		refuse(ref, "HLEG-W004", "%s may be done only by the %s; %s "
		    "is not", e->name, roles ? roles : "nobody", q->actor);
	free(roles);
	return -1;
}

int
event_check(const struct workflow *w, const struct roster *r, xmlDocPtr doc,
    const char *version, const struct event_request *q, struct step *step,
    struct refusal *ref)
{
	const struct wf_event	*e;
	xmlNodePtr		 wf;
	struct list		 from = { NULL, 0, 0, 0, " or " };
	char			*state = NULL, *list = NULL, *start, *end;
	const char		*to;
	int			 rc = -1, from_ok = 0;

	memset(step, 0, sizeof(*step));
	memset(ref, 0, sizeof(*ref));
	if ((e = workflow_event(w, q->event)) == NULL) {
		struct list	 events = { NULL, 0, 0, 0, ", " };

		for (size_t i = 0; i < w->nevents; i++)
			if (w->events[i].name != NULL)
				list_add(&events, w->events[i].name);
		list = list_end(&events);
		refuse(ref, "HLEG-W001", "there is no event '%s' in the "
		    "workflow definition; the events are: %s", q->event,
		    list ? list : "none");
		free(list);
		return -1;
	}
	if ((wf = event_workflow(doc)) == NULL ||
	    (state = event_state(doc)) == NULL)
		return refuse(ref, "HLEG-W002", "the document has no workflow "
		    "record");
	for (size_t i = 0; i < e->nfrom; i++) {
		list_add(&from, e->from[i]);
		if (strcmp(e->from[i], state) == 0)
			from_ok = 1;
	}
	list = list_end(&from);
	if (!from_ok) {
		refuse(ref, "HLEG-W002", "the document is %s; %s happens only "
		    "to a document that is %s", state, e->name, list);
		goto done;
	}
	if (e->need_sector || e->per_sector) {
		char	*all = sectors(doc);

		if (q->sector == NULL)
			refuse(ref, "HLEG-W008", "%s names the Sector: give "
			    "--sector, one of this document's: %s", e->name,
			    all);
		else if (!has_sector(doc, q->sector))
			refuse(ref, "HLEG-W008", "%s is not a Sector of this "
			    "document; its Sectors are: %s", q->sector, all);
		else if (e->per_sector &&
		    has_step(wf, e->name, q->sector, NULL, NULL))
			refuse(ref, "HLEG-W009", "%s has already %s this "
			    "document; a Sector does so once", q->sector,
			    strcmp(e->name, "consider") == 0 ? "considered" :
			    e->name);
		free(all);
		if (ref->message != NULL)
			goto done;
	} else if (q->sector != NULL) {
		refuse(ref, "HLEG-W008", "%s names no Sector: leave out "
		    "--sector", e->name);
		goto done;
	}
	if (check_actor(e, r, doc, q, ref) != 0)
		goto done;

	if (e->need_outcome && q->outcome == NULL) {
		refuse(ref, "HLEG-W010", "%s records an outcome: give "
		    "--outcome refine, validate, implement or no-action",
		    e->name);
		goto done;
	}
	if (q->outcome != NULL && !e->need_outcome) {
		refuse(ref, "HLEG-W010", "%s records no outcome: leave out "
		    "--outcome", e->name);
		goto done;
	}
	if (q->outcome != NULL && !id_outcome_valid(q->outcome)) {
		refuse(ref, "HLEG-W010", "'%s' is not an outcome: give "
		    "refine, validate, implement or no-action", q->outcome);
		goto done;
	}
	if (e->need_note && (q->note == NULL || *q->note == '\0')) {
		refuse(ref, "HLEG-W007", "%s needs a note that says why: give "
		    "--note", e->name);
		goto done;
	}
	if (q->note != NULL && !id_note_valid(q->note, EVENT_NOTE_MAX)) {
		refuse(ref, "HLEG-W015", "the note must be text of at most %d "
		    "bytes, without control characters", EVENT_NOTE_MAX);
		goto done;
	}
	if (q->note != NULL && forges_trailer(q->note)) {
		refuse(ref, "HLEG-W015", "a line of the note reads like the "
		    "toolkit's own trailers (HLEG-...:); the record of the "
		    "event is not the note's to write: reword that line");
		goto done;
	}
	start = roster_term_start(r);
	end = roster_term_end(r);
	if (start == NULL || end == NULL || strcmp(q->date, start) < 0 ||
	    strcmp(q->date, end) > 0)
		refuse(ref, "HLEG-W011", "the event's date %s lies outside the "
		    "roster's term (%s to %s)", q->date, start ? start : "?",
		    end ? end : "?");
	free(start);
	free(end);
	if (ref->message != NULL)
		goto done;
	if (e->records_version &&
	    has_step(wf, e->name, NULL, q->actor, version)) {
		refuse(ref, "HLEG-W013", "%s has already %sd this version of "
		    "the document", q->actor, e->name);
		goto done;
	}
	if (e->endorsements > 0) {
		unsigned long	 have = endorsements(w, wf, version);

		if (have < e->endorsements) {
			refuse(ref, "HLEG-W006", "%s needs %lu endorsements of "
			    "the current version (%.7s); it has %lu: "
			    "endorsements of earlier versions do not count",
			    e->name, e->endorsements, version, have);
			goto done;
		}
	}

	to = e->to;
	if (e->per_sector) {
		/* Only the last of the document's Sectors moves it on. */
		xmlNodePtr	 root = xmlDocGetRootElement(doc);

		for (xmlNodePtr n = root->children; n; n = n->next) {
			xmlChar	*s;

			if (!node_is(n, "sector") ||
			    (s = xmlGetProp(n, (const xmlChar *)"ref")) == NULL)
				continue;
			if (strcmp((const char *)s, q->sector) != 0 &&
			    !has_step(wf, e->name, (const char *)s, NULL, NULL))
				to = state;
			xmlFree(s);
		}
	}
	step->event = xstrdup(e->name);
	step->by = xstrdup(q->actor);
	step->from = xstrdup(state);
	step->to = xstrdup(to);
	memcpy(step->date, q->date, sizeof(step->date));
	step->sector = q->sector ? xstrdup(q->sector) : NULL;
	step->outcome = q->outcome ? xstrdup(q->outcome) : NULL;
	step->version = e->records_version ? xstrdup(version) : NULL;
	step->note = q->note && *q->note ? xstrdup(q->note) : NULL;
	rc = 0;
done:
	free(list);
	free(state);
	return rc;
}

char *
event_state(xmlDocPtr doc)
{
	xmlNodePtr	 wf = event_workflow(doc);
	xmlChar		*v;
	char		*s;

	if (wf == NULL ||
	    (v = xmlGetProp(wf, (const xmlChar *)"state")) == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int
event_apply(xmlDocPtr doc, const struct step *step)
{
	xmlNodePtr	 wf, s, last;
	char		*indent = NULL, *inner = NULL;

	if ((wf = event_workflow(doc)) == NULL)
		return -1;
	/* The workflow's own indentation, from the text before it. */
	if (wf->prev != NULL && wf->prev->type == XML_TEXT_NODE &&
	    wf->prev->content != NULL) {
		const char	*t = (const char *)wf->prev->content;
		const char	*nl = strrchr(t, '\n');

		indent = xstrdup(nl ? nl : "\n");
	} else
		indent = xstrdup("\n");
	xappendf(&inner, "%s  ", indent);

	xmlSetProp(wf, (const xmlChar *)"state", (const xmlChar *)step->to);
	s = xmlNewDocNode(doc, wf->ns, (const xmlChar *)"step", NULL);
	xmlSetProp(s, (const xmlChar *)"event", (const xmlChar *)step->event);
	xmlSetProp(s, (const xmlChar *)"date", (const xmlChar *)step->date);
	xmlSetProp(s, (const xmlChar *)"by", (const xmlChar *)step->by);
	xmlSetProp(s, (const xmlChar *)"from", (const xmlChar *)step->from);
	xmlSetProp(s, (const xmlChar *)"to", (const xmlChar *)step->to);
	if (step->sector)
		xmlSetProp(s, (const xmlChar *)"sector",
		    (const xmlChar *)step->sector);
	if (step->outcome)
		xmlSetProp(s, (const xmlChar *)"outcome",
		    (const xmlChar *)step->outcome);
	if (step->version)
		xmlSetProp(s, (const xmlChar *)"version",
		    (const xmlChar *)step->version);
	if (step->note) {
		xmlNodePtr	 note;

		note = xmlNewDocNode(doc, wf->ns, (const xmlChar *)"note", NULL);
		xmlAddChild(note, xmlNewDocText(doc,
		    (const xmlChar *)step->note));
		xmlAddChild(s, note);
	}
	last = wf->last;
	if (last != NULL && last->type == XML_TEXT_NODE) {
		/* Before the white space that closes the element; the new
		 * text goes in after the step, where no text node is next
		 * to it that libxml2 would merge it with. */
		xmlAddPrevSibling(last, s);
		xmlAddPrevSibling(s, xmlNewDocText(doc,
		    (const xmlChar *)inner));
	} else {
		xmlAddChild(wf, xmlNewDocText(doc, (const xmlChar *)inner));
		xmlAddChild(wf, s);
		xmlAddChild(wf, xmlNewDocText(doc, (const xmlChar *)indent));
	}
	free(indent);
	free(inner);
	return 0;
}

int
event_step_read(xmlNodePtr s, struct step *out)
{
	xmlChar	*date;

	memset(out, 0, sizeof(*out));
	out->event = node_prop(s, "event");
	out->by = node_prop(s, "by");
	out->from = node_prop(s, "from");
	out->to = node_prop(s, "to");
	out->sector = node_prop(s, "sector");
	out->outcome = node_prop(s, "outcome");
	out->version = node_prop(s, "version");
	for (xmlNodePtr n = s->children; n; n = n->next)
		if (node_is(n, "note")) {
			xmlChar	*t = xmlNodeGetContent(n);

			out->note = xstrdup(t ? (const char *)t : "");
			xmlFree(t);
		}
	if ((date = xmlGetProp(s, (const xmlChar *)"date")) != NULL &&
	    strlen((const char *)date) == 10)
		memcpy(out->date, date, 11);
	xmlFree(date);
	if (out->event == NULL || out->by == NULL || out->from == NULL ||
	    out->to == NULL || out->date[0] == '\0') {
		step_clear(out);
		return -1;
	}
	return 0;
}

void
step_clear(struct step *step)
{
	free(step->event);
	free(step->by);
	free(step->from);
	free(step->to);
	free(step->sector);
	free(step->outcome);
	free(step->version);
	free(step->note);
	memset(step, 0, sizeof(*step));
}

void
refusal_clear(struct refusal *refusal)
{
	free(refusal->message);
	memset(refusal, 0, sizeof(*refusal));
}

/*
 * workflow.c - read a workflow definition.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#include "msg.h"
#include "node.h"
#include "util.h"
#include "validate.h"
#include "workflow.h"

/* Makes room in array p of n elements of size for one more: the room
 * doubles when n is a power of two, so that reading n elements copies
 * them a bounded number of times, not n times. */
static void *
grow(void *p, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		p = xrealloc(p, (n ? 2 * n : 1) * size);
	return p;
}

static int
flag(xmlNodePtr n, const char *name)
{
	char	*v = node_prop(n, name);
	int	 yes = v != NULL && (strcmp(v, "true") == 0 ||
		    strcmp(v, "1") == 0);

	free(v);
	return yes;
}

static void
read_event(struct wf_event *e, xmlNodePtr n)
{
	char	*s;

	e->name = node_prop(n, "name");
	e->to = node_prop(n, "to");
	e->records_version = flag(n, "records-version");
	e->per_sector = flag(n, "per-sector");
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (node_is(c, "from")) {
			e->from = grow(e->from, e->nfrom, sizeof(*e->from));
			e->from[e->nfrom++] = node_prop(c, "state");
		} else if (node_is(c, "by")) {
			struct wf_by	*b;

			e->by = grow(e->by, e->nby, sizeof(*e->by));
			b = &e->by[e->nby++];
			b->role = node_prop(c, "role");
			s = node_prop(c, "except");
			b->except_rapporteur = s && strcmp(s, "rapporteur") == 0;
			free(s);
			b->own_sector = flag(c, "own-sector");
		} else if (node_is(c, "requires")) {
			s = node_prop(c, "endorsements");
			e->endorsements = s ? strtoul(s, NULL, 10) : 0;
			free(s);
			e->need_note = flag(c, "note");
			e->need_outcome = flag(c, "outcome");
			e->need_sector = flag(c, "sector");
		}
	}
}

/* Adds name to table unless it is there: the first declaration counts,
 * as workflow_event() and workflow_is_final() find the first. */
static void
index_first(xmlHashTablePtr table, const char *name, void *payload)
{
	if (name != NULL && xmlHashLookup(table, (const xmlChar *)name) ==
	    NULL && xmlHashAddEntry(table, (const xmlChar *)name, payload) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
}

struct workflow *
workflow_read(xmlDocPtr doc, char **why)
{
	struct workflow	*w;
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	const int	*final;

	*why = NULL;
	if (root == NULL || !node_is(root, "workflow-definition")) {
		xappendf(why, "not a workflow definition");
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->initial = node_prop(root, "initial");
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (node_is(n, "state")) {
			w->states = grow(w->states, w->nstates,
			    sizeof(*w->states));
			w->final = grow(w->final, w->nstates,
			    sizeof(*w->final));
			w->final[w->nstates] = flag(n, "final");
			w->states[w->nstates++] = node_prop(n, "name");
		} else if (node_is(n, "event")) {
			w->events = grow(w->events, w->nevents,
			    sizeof(*w->events));
			memset(&w->events[w->nevents], 0, sizeof(*w->events));
			read_event(&w->events[w->nevents++], n);
		}
	}
	/* The states and events by name, so that a definition of many is
	 * read in linear time, not their product. */
	if ((w->state_index = xmlHashCreate(0)) == NULL ||
	    (w->event_index = xmlHashCreate(0)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	for (size_t i = 0; i < w->nstates; i++)
		index_first(w->state_index, w->states[i], &w->final[i]);
	for (size_t i = 0; i < w->nevents; i++)
		index_first(w->event_index, w->events[i].name, &w->events[i]);
	if (w->initial == NULL || !workflow_has_state(w, w->initial))
		xappendf(why, "the initial state '%s' is not declared",
		    w->initial ? w->initial : "");
	for (size_t i = 0; i < w->nevents && *why == NULL; i++) {
		struct wf_event	*e = &w->events[i];

		if (e->name == NULL || e->to == NULL ||
		    workflow_event(w, e->name) != e)
			xappendf(why, "event '%s' is declared twice",
			    e->name ? e->name : "");
		else if (!workflow_has_state(w, e->to))
			xappendf(why, "event '%s' leads to '%s', which is not "
			    "declared", e->name, e->to);
		for (size_t j = 0; j < e->nfrom && *why == NULL; j++)
			if (e->from[j] == NULL || (final = xmlHashLookup(
			    w->state_index, (const xmlChar *)e->from[j])) ==
			    NULL)
				xappendf(why, "event '%s' leaves from '%s', "
				    "which is not declared", e->name,
				    e->from[j] ? e->from[j] : "");
			else if (*final)
				xappendf(why, "event '%s' leaves from '%s', "
				    "which is final", e->name, e->from[j]);
		/* The schema requires these; a definition is still read as
		 * if it might not have been checked. */
		for (size_t j = 0; j < e->nby && *why == NULL; j++)
			if (e->by[j].role == NULL)
				xappendf(why, "event '%s' names who may take "
				    "it without a role", e->name);
		if (*why == NULL && e->nby == 0)
			xappendf(why, "event '%s' names nobody who may take "
			    "it", e->name);
	}
	if (*why != NULL) {
		workflow_free(w);
		return NULL;
	}
	return w;
}

void
workflow_free(struct workflow *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->nevents; i++) {
		struct wf_event	*e = &w->events[i];

		free(e->name);
		free(e->to);
		for (size_t j = 0; j < e->nfrom; j++)
			free(e->from[j]);
		free(e->from);
		for (size_t j = 0; j < e->nby; j++)
			free(e->by[j].role);
		free(e->by);
	}
	free(w->events);
	for (size_t i = 0; i < w->nstates; i++)
		free(w->states[i]);
	free(w->states);
	free(w->final);
	free(w->initial);
	xmlHashFree(w->state_index, NULL);
	xmlHashFree(w->event_index, NULL);
	free(w);
}

const struct wf_event *
workflow_event(const struct workflow *w, const char *name)
{
	if (name == NULL)
		return NULL;
	if (w->event_index != NULL)
		return xmlHashLookup(w->event_index, (const xmlChar *)name);
	for (size_t i = 0; i < w->nevents; i++)
		if (w->events[i].name != NULL &&
		    strcmp(w->events[i].name, name) == 0)
			return &w->events[i];
	return NULL;
}

int
workflow_has_state(const struct workflow *w, const char *s)
{
	if (s == NULL)
		return 0;
	if (w->state_index != NULL)
		return xmlHashLookup(w->state_index, (const xmlChar *)s) !=
		    NULL;
	for (size_t i = 0; i < w->nstates; i++)
		if (w->states[i] != NULL && strcmp(w->states[i], s) == 0)
			return 1;
	return 0;
}

int
workflow_is_final(const struct workflow *w, const char *s)
{
	const int	*final;

	if (s == NULL)
		return 0;
	if (w->state_index != NULL)
		return (final = xmlHashLookup(w->state_index,
		    (const xmlChar *)s)) != NULL && *final;
	for (size_t i = 0; i < w->nstates; i++)
		if (w->states[i] != NULL && strcmp(w->states[i], s) == 0)
			return w->final[i];
	return 0;
}

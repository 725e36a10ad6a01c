/*
 * event.h - the state machine: whether an event may happen to a
 * document, judged by the workflow definition, the roster and the
 * document's own record of its steps; and the step that records it.
 *
 * Refusals carry a rule id (HLEG-Wnnn) and a message that says what is
 * wrong and what would be right.
 */
#ifndef HLEG_EVENT_H
#define HLEG_EVENT_H

#include <libxml/tree.h>

#include "roster.h"
#include "workflow.h"

/* Notes are at most this long (schemas/document.xsd, StepNote). */
#define EVENT_NOTE_MAX 4000

struct event_request {
	const char	*event;
	const char	*actor;		/* a roster id */
	const char	*sector;	/* or NULL */
	const char	*outcome;	/* or NULL */
	const char	*note;		/* or NULL */
	char		 date[11];	/* YYYY-MM-DD, the day of the event */
};

/* A step of a document's workflow record. */
struct step {
	char	*event, *by, *from, *to;
	char	*sector, *outcome, *version, *note;	/* or NULL */
	char	 date[11];
};

struct refusal {
	const char	*rule;
	char		*message;
};

/* Checks request against workflow w, roster r and doc, whose content
 * version is version.  Returns 0 with *step filled in, or -1 with
 * *refusal filled in. */
int	event_check(const struct workflow *w, const struct roster *r,
	    xmlDocPtr doc, const char *version,
	    const struct event_request *request, struct step *step,
	    struct refusal *refusal);

/* Appends step to doc's workflow element, indented like its siblings,
 * and sets the workflow's state to the step's "to".  Returns 0, or -1
 * when doc has no workflow element. */
int	event_apply(xmlDocPtr doc, const struct step *step);

/* The document's workflow element, or NULL. */
xmlNodePtr	event_workflow(xmlDocPtr doc);

/* Reads a step element.  Returns 0, or -1 when it lacks an event, a
 * date, by, from or to. */
int	event_step_read(xmlNodePtr s, struct step *out);

/* The state recorded in doc's workflow element (malloc'd), or NULL. */
char	*event_state(xmlDocPtr doc);

void	step_clear(struct step *step);
void	refusal_clear(struct refusal *refusal);

#endif

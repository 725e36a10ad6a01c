/*
 * trailers.h - the commit message of an event, and reading it back.
 *
 *	submit HLEG-P-2008-004: Establish national incident response teams
 *
 *	    The note, if any, each line indented by four spaces.
 *
 *	HLEG-Document: HLEG-P-2008-004
 *	HLEG-Event: submit
 *	HLEG-State: draft -> submitted
 *	HLEG-Actor: m01
 *	HLEG-Sector: ITU-D		(when the event names one)
 *	HLEG-Outcome: refine		(when it has one)
 *	HLEG-Version: 5f0c6b4...	(when it endorses a content version)
 *
 * git reads trailers from the last paragraph only, and an indented line
 * continues a trailer rather than starting one, so no line of a note can
 * pass for a trailer.
 */
#ifndef HLEG_TRAILERS_H
#define HLEG_TRAILERS_H

#include "event.h"

/* The commit message recording step on document id titled title
 * (malloc'd).  The title is reduced to one line of at most 200 bytes. */
char	*trailers_message(const char *id, const char *title,
	    const struct step *step);

/* An event as the trailers of a commit tell it. */
struct event_record {
	char	*document, *event, *from, *to, *actor;
	char	*sector, *outcome, *version;	/* or NULL */
};

/* Reads the HLEG trailers of message.  Returns 1 when it records an
 * event (Document, Event, State and Actor present and well-formed), 0
 * when it has no HLEG trailer, -1 when its HLEG trailers are incomplete
 * or malformed. */
int	trailers_read(const char *message, struct event_record *out);
void	event_record_clear(struct event_record *r);

#endif

/*
 * history.h - the workflow events of a dossier, as the trailers of the
 * commits on main's first-parent history tell them (see trailers.h).
 *
 * The history tells what the commits say; whether each event was legal
 * is for the audit to judge.  hleg-log prints it, hleg-collect puts the
 * events of the documents it collects into the collection.
 */
#ifndef HLEG_HISTORY_H
#define HLEG_HISTORY_H

#include <git2.h>

#include "dossier.h"
#include "trailers.h"

/* One commit of the history that has HLEG trailers. */
struct history_event {
	git_commit			*commit;
	const struct event_record	*record;
	/* The HLEG trailers are incomplete or malformed (trailers_read()
	 * refused them): record holds what could be read, any field of it
	 * possibly NULL, and day is still set. */
	int				 malformed;
	/* The day of the commit's author date in its own time zone,
	 * "YYYY-MM-DD"; when that date lies outside the years 0001 to 9999,
	 * bad_date is set and day is "0000-00-00". */
	char				 day[11];
	int				 bad_date;
};

/* Called once for each commit with HLEG trailers, oldest first.  Both
 * the event and its commit are valid only during the call.  Returns 0 to
 * go on; anything else stops the walk, and history_walk() returns it. */
typedef int	(*history_fn)(const struct history_event *event, void *arg);

/* Walks the first-parent history of tip, oldest first, and calls fn for
 * each commit with HLEG trailers; commits without them (the drafting of
 * documents) are passed over.  Returns 0 when the walk is done, what fn
 * returned when it stopped the walk, or -1 after a message when the
 * history cannot be read. */
int	history_walk(struct dossier *d, git_commit *tip, history_fn fn,
	    void *arg);

/* The note of an event's commit message: the paragraphs between the
 * subject and the trailers, each line's four-space indentation removed.
 * A malloc'd string without trailing newlines, or NULL when there is
 * none. */
char	*history_note(const char *message);

/* A malloc'd copy of s that XML can hold: characters XML forbids (and
 * carriage returns) are dropped and bytes that are not UTF-8 become
 * U+FFFD, for a commit message is whatever its author wrote. */
char	*history_xml_text(const char *s);

/* Why trailers_read() refused r: the trailers that are missing, or the
 * rule they break, as a malloc'd phrase ("it has no HLEG-Actor"). */
char	*history_why_malformed(const struct event_record *r);

#endif

/*
 * roster.h - a roster, parsed and checked, with its members and officials
 * indexed by id.
 *
 * Once made, a roster is only read, so threads may share it.
 */
#ifndef HLEG_ROSTER_H
#define HLEG_ROSTER_H

#include <libxml/tree.h>

struct roster;

/* Indexes the roster document doc, which it takes over.  Numbers the
 * document's nodes for XPath now, while one thread runs: XPath would
 * otherwise write to the shared document from several. */
struct roster	*roster_new(xmlDocPtr doc);
void		 roster_free(struct roster *r);

/* The roster document. */
xmlDocPtr	 roster_doc(const struct roster *r);

/* The member element with this id, or NULL. */
xmlNodePtr	 roster_member(const struct roster *r, const char *id);

/* The member or official element with this id, or NULL. */
xmlNodePtr	 roster_person(const struct roster *r, const char *id);

#endif

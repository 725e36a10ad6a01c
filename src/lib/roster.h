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

/* The id of the member or official whose email is email, compared
 * without regard to case (malloc'd), or NULL. */
char		*roster_id_by_email(const struct roster *r, const char *email);

/* Whether the person with this id holds role: "member" (any member),
 * "chair" or "vice-chair" (a member with that role), "secretariat" or
 * "liaison" (an official). */
int		 roster_has_role(const struct roster *r, const char *id,
		    const char *role);

/* The text of person's child element name ("name", "email"), or of its
 * attribute when name starts with '@' ("@sector"), as a malloc'd string
 * exactly as written, or NULL. */
char		*roster_field(xmlNodePtr person, const char *name);

/* The first and last day of the term, "YYYY-MM-DD" (malloc'd). */
char		*roster_term_start(const struct roster *r);
char		*roster_term_end(const struct roster *r);

#endif

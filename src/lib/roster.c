/*
 * roster.c - index a roster by id.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/xpath.h>

#include "msg.h"
#include "roster.h"
#include "node.h"
#include "util.h"
#include "validate.h"

struct roster {
	xmlDocPtr	 doc;
	xmlHashTablePtr	 members;	/* id -> member element */
	xmlHashTablePtr	 people;	/* id -> member or official element */
	xmlHashTablePtr	 emails;	/* address, in lower case -> entry */
};

/* An address in lower case (ASCII letters only, as strcasecmp() folds
 * them), malloc'd. */
static char *
lower(const char *s)
{
	char	*l = xstrdup(s);

	for (char *p = l; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

struct roster *
roster_new(xmlDocPtr doc)
{
	struct roster	*r;
	xmlNodePtr	 root;
	xmlChar		*id;
	char		*email, *key;

	r = xcalloc(1, sizeof(*r));
	r->doc = doc;
	r->members = xmlHashCreate(64);
	r->people = xmlHashCreate(64);
	r->emails = xmlHashCreate(64);
	if (r->members == NULL || r->people == NULL || r->emails == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (!node_is(n, "member") && !node_is(n, "official"))
			continue;
		if ((id = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
			continue;
		/* The first entry of a duplicated id wins, as the rules
		 * report the later ones. */
		if (node_is(n, "member"))
			xmlHashAddEntry(r->members, id, n);
		xmlHashAddEntry(r->people, id, n);
		xmlFree(id);
		/* So is the first entry of an address, whatever its case. */
		if ((email = roster_field(n, "email")) != NULL) {
			key = lower(email);
			xmlHashAddEntry(r->emails, (const xmlChar *)key, n);
			free(key);
			free(email);
		}
	}
	xmlXPathOrderDocElems(doc);
	return r;
}

void
roster_free(struct roster *r)
{
	if (r == NULL)
		return;
	xmlHashFree(r->members, NULL);
	xmlHashFree(r->emails, NULL);
	xmlHashFree(r->people, NULL);
	xmlFreeDoc(r->doc);
	free(r);
}

char *
roster_field(xmlNodePtr person, const char *name)
{
	xmlChar	*v = NULL;
	char	*s;

	if (person == NULL)
		return NULL;
	if (name[0] == '@')
		v = xmlGetProp(person, (const xmlChar *)name + 1);
	else
		for (xmlNodePtr c = person->children; c; c = c->next)
			if (node_is(c, name)) {
				v = xmlNodeGetContent(c);
				break;
			}
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

char *
roster_id_by_email(const struct roster *r, const char *email)
{
	xmlNodePtr	 n;
	char		*key;

	if (email == NULL)
		return NULL;
	/* An index, not a walk through the entries: the audit asks this
	 * of every commit. */
	key = lower(email);
	n = xmlHashLookup(r->emails, (const xmlChar *)key);
	free(key);
	return roster_field(n, "@id");
}

int
roster_has_role(const struct roster *r, const char *id, const char *role)
{
	xmlNodePtr	 p = roster_person(r, id);
	char		*v;
	int		 yes;

	if (p == NULL)
		return 0;
	if (strcmp(role, "member") == 0)
		return node_is(p, "member");
	if (strcmp(role, "chair") == 0 || strcmp(role, "vice-chair") == 0) {
		if (!node_is(p, "member"))
			return 0;
		v = roster_field(p, "role");
	} else if (strcmp(role, "secretariat") == 0 ||
	    strcmp(role, "liaison") == 0) {
		if (!node_is(p, "official"))
			return 0;
		v = roster_field(p, "@role");
	} else
		return 0;
	yes = v != NULL && strcmp(v, role) == 0;
	free(v);
	return yes;
}

char *
roster_term_start(const struct roster *r)
{
	return roster_field(xmlDocGetRootElement(r->doc), "@term-start");
}

char *
roster_term_end(const struct roster *r)
{
	return roster_field(xmlDocGetRootElement(r->doc), "@term-end");
}

xmlDocPtr
roster_doc(const struct roster *r)
{
	return r->doc;
}

xmlNodePtr
roster_member(const struct roster *r, const char *id)
{
	return xmlHashLookup(r->members, (const xmlChar *)id);
}

xmlNodePtr
roster_person(const struct roster *r, const char *id)
{
	return xmlHashLookup(r->people, (const xmlChar *)id);
}

/*
 * roster.c - index a roster by id.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/xpath.h>

#include "roster.h"
#include "util.h"
#include "validate.h"

struct roster {
	xmlDocPtr	 doc;
	xmlHashTablePtr	 members;	/* id -> member element */
	xmlHashTablePtr	 people;	/* id -> member or official element */
};

static int
is_hleg(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	    strcmp((const char *)node->ns->href, HLEG_NS) == 0 &&
	    strcmp((const char *)node->name, name) == 0;
}

struct roster *
roster_new(xmlDocPtr doc)
{
	struct roster	*r;
	xmlNodePtr	 root;
	xmlChar		*id;

	r = xcalloc(1, sizeof(*r));
	r->doc = doc;
	r->members = xmlHashCreate(64);
	r->people = xmlHashCreate(64);
	if (r->members == NULL || r->people == NULL)
		errx(HLEG_EXIT_SYSTEM, "out of memory");
	root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (!is_hleg(n, "member") && !is_hleg(n, "official"))
			continue;
		if ((id = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
			continue;
		/* The first entry of a duplicated id wins, as the rules
		 * report the later ones. */
		if (is_hleg(n, "member"))
			xmlHashAddEntry(r->members, id, n);
		xmlHashAddEntry(r->people, id, n);
		xmlFree(id);
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
	xmlHashFree(r->people, NULL);
	xmlFreeDoc(r->doc);
	free(r);
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

/*
 * node.c - small questions about the nodes of hleg documents.
 */
#include <string.h>

#include "node.h"
#include "util.h"
#include "validate.h"

int
node_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, HLEG_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

char *
node_prop(xmlNodePtr n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	char	*s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

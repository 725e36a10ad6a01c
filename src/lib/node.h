/*
 * node.h - small questions about the nodes of hleg documents.
 */
#ifndef HLEG_NODE_H
#define HLEG_NODE_H

#include <libxml/tree.h>

/* Whether n is the element name of the hleg namespace (urn:hleg:1). */
int	 node_is(xmlNodePtr n, const char *name);

/* The value of n's attribute name as a malloc'd string, or NULL. */
char	*node_prop(xmlNodePtr n, const char *name);

#endif

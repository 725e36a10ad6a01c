/*
 * content.c - the content version of a document.
 */
#include <string.h>

#include <git2.h>
#include <libxml/c14n.h>

#include "content.h"
#include "validate.h"

static int	digest(xmlDocPtr, int, char[CONTENT_VERSION_SIZE]);

int
content_version(xmlDocPtr doc, char out[CONTENT_VERSION_SIZE])
{
	return digest(doc, 0, out);
}

int
content_comments_version(xmlDocPtr doc, char out[CONTENT_VERSION_SIZE])
{
	return digest(doc, 1, out);
}

static int
has_comment(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_COMMENT_NODE)
			return 1;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
		    has_comment(n->children))
			return 1;
	}
	return 0;
}

int
content_has_comments(xmlDocPtr doc)
{
	return has_comment(doc->children);
}

/* The blob id of doc's canonical form without its workflow element,
 * with or without comments. */
static int
digest(xmlDocPtr doc, int comments, char out[CONTENT_VERSION_SIZE])
{
	xmlDocPtr	 copy;
	xmlNodePtr	 root, n, next;
	xmlChar		*canonical = NULL;
	git_oid		 oid;
	int		 len, rc = -1;

	if ((copy = xmlCopyDoc(doc, 1)) == NULL)
		return -1;
	root = xmlDocGetRootElement(copy);
	for (n = root ? root->children : NULL; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
		    strcmp((const char *)n->ns->href, HLEG_NS) == 0 &&
		    strcmp((const char *)n->name, "workflow") == 0) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
	len = xmlC14NDocDumpMemory(copy, NULL, XML_C14N_1_0, NULL, comments,
	    &canonical);
	if (len >= 0 && git_odb_hash(&oid, canonical, (size_t)len,
	    GIT_OBJECT_BLOB) == 0) {
		git_oid_tostr(out, CONTENT_VERSION_SIZE, &oid);
		rc = 0;
	}
	xmlFree(canonical);
	xmlFreeDoc(copy);
	return rc;
}

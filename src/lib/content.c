/*
 * content.c - the content version of a document.
 */
#include <string.h>

#include <git2.h>
#include <libxml/c14n.h>

#include "content.h"
#include "validate.h"

int
content_version(xmlDocPtr doc, char out[CONTENT_VERSION_SIZE])
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
	len = xmlC14NDocDumpMemory(copy, NULL, XML_C14N_1_0, NULL, 0,
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

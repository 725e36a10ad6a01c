/*
 * content.h - the content version of a document: what endorsements are
 * of.  It is the git blob id of the document's canonical form (Canonical
 * XML 1.0, without comments) with its workflow element left out, so that
 * recording an event does not change it and any change of content does.
 */
#ifndef HLEG_CONTENT_H
#define HLEG_CONTENT_H

#include <libxml/tree.h>

#define CONTENT_VERSION_SIZE 41		/* 40 hex digits and a NUL */

/* Writes the content version of doc, in hex, into out.  Returns 0, or
 * -1 when the document cannot be canonicalised. */
int	content_version(xmlDocPtr doc, char out[CONTENT_VERSION_SIZE]);

/* The same with the comments kept: the comments of a document that has
 * left draft are frozen with its content, though endorsements are not
 * of them. */
int	content_comments_version(xmlDocPtr doc,
	    char out[CONTENT_VERSION_SIZE]);

/* Whether doc holds a comment anywhere (in its workflow element too):
 * when neither of two versions does, their comments cannot differ. */
int	content_has_comments(xmlDocPtr doc);

#endif

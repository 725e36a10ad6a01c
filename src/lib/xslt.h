/*
 * xslt.h - libxslt under security preferences.
 *
 * Stylesheets are the toolkit's own, read from the data directory; a
 * transform may not write files, create directories or touch the network,
 * and may read only inside the data directory.  xslt_init() must run once
 * before threads start.
 */
#ifndef HLEG_XSLT_H
#define HLEG_XSLT_H

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>

/* Registers EXSLT and makes the restrictive preferences the default (so
 * that xsl:import and xsl:include are checked too). */
void	xslt_init(void);

/* Releases what xslt_init made. */
void	xslt_cleanup(void);

/* Parses the stylesheet at path, which must be inside the data
 * directory; NULL after a message when it cannot. */
xsltStylesheetPtr	xslt_load(const char *path);

/* An XPath extension function and its local name. */
struct xslt_function {
	const char		*name;
	xmlXPathFunction	 fn;
};

/* Registers the functions of table, up to one whose name is NULL, in
 * the namespace ns, for every transform that follows. */
void	xslt_register_functions(const char *ns,
	    const struct xslt_function *table);

/* An error function of libxml2 and libxslt (xmlSetGenericErrorFunc(),
 * xsltSetTransformErrorFunc()) that appends each message to the
 * malloc'd string *(char **)data, which may start NULL. */
void	xslt_collect(void *data, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* A transform context for style and doc with the security preferences
 * set and document() parsing with safe options.  errors, when not NULL,
 * collects the messages of the transform (a malloc'd string, one line
 * each). */
xsltTransformContextPtr	xslt_context(xsltStylesheetPtr style, xmlDocPtr doc,
			    char **errors);

#endif

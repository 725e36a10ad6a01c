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

/* A transform context for style and doc with the security preferences
 * set and document() parsing with safe options.  errors, when not NULL,
 * collects the messages of the transform (a malloc'd string, one line
 * each). */
xsltTransformContextPtr	xslt_context(xsltStylesheetPtr style, xmlDocPtr doc,
			    char **errors);

#endif

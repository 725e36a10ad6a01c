/*
 * safety.h - the process-wide defences of SPEC section 5.
 *
 * safety_init() must run once, before any parsing and before threads
 * start: it turns catalogs off and installs an external entity loader that
 * refuses everything outside the data directory (file://, http://, ftp://,
 * relative paths alike), so that neither a document nor a stylesheet can
 * make the process read a file or reach the network.
 *
 * The one name the loader resolves is the toolkit's own stylesheets' URI,
 * urn:hleg:stylesheets:NAME (NAME of [a-z0-9-]+ and ".xsl"), which stands
 * for DATADIR/stylesheets/NAME: a customisation layer imports the stock
 * stylesheet by it wherever the toolkit is installed.
 */
#ifndef HLEG_SAFETY_H
#define HLEG_SAFETY_H

#include <libxml/parser.h>

#include "diag.h"

/* Installs the restrictive loader.  Returns 0, or -1 when there is no data
 * directory (already reported). */
int	 safety_init(void);

/* What safety_init() does for libxml2's errors alone, for a program that
 * writes XML but reads none: the errors libxml2 raises outside any
 * handler (a failed write) are not printed raw; the caller reports them
 * from the return value. */
void	 safety_errors_init(void);

/* The URI prefix of the toolkit's stylesheets. */
#define SAFETY_STYLESHEET_URN "urn:hleg:stylesheets:"

/* Returns 1 when path (a file name or file: URI) names a file inside the
 * data directory, or is the file safety_allow_file() allows, or is the
 * urn:hleg:stylesheets: URI of a stylesheet that exists; 0 otherwise. */
int	 safety_path_allowed(const char *path);

/* Returns the malloc'd absolute path that a urn:hleg:stylesheets:NAME
 * URI stands for, or NULL when uri is not one or NAME is not of
 * [a-z0-9-]+ followed by ".xsl" (the file need not exist). */
char	*safety_stylesheet_path(const char *uri);

/* Allows the one file named by path (absolute, its real path) to be read
 * besides the data directory, until called again; NULL allows none.  For
 * a stylesheet the user named: allow it while it is parsed, then revoke
 * it, so that the transform reads only the data directory.  Not for
 * threads. */
void	 safety_allow_file(const char *path);

/* Makes refusals of the loader in this thread, and the errors libxml2
 * raises outside any handler while ctxt parses, be reported to list, at
 * ctxt's position (NULL, NULL: the loader's refusals are printed on
 * standard error instead). */
void	 safety_report_to(struct diag_list *list, xmlParserCtxtPtr ctxt);

#endif

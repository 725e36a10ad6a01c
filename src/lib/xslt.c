/*
 * xslt.c - security preferences and contexts for libxslt.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <libexslt/exslt.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/xsltutils.h>

#include "msg.h"
#include "parse.h"
#include "safety.h"
#include "util.h"
#include "xslt.h"

static xsltSecurityPrefsPtr	prefs;

static int
read_allowed(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec; (void)ctxt;
	return safety_path_allowed(value);
}

void
xslt_init(void)
{
	exsltRegisterAll();
	prefs = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, read_allowed);
	xsltSetDefaultSecurityPrefs(prefs);
}

void
xslt_cleanup(void)
{
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(prefs);
	prefs = NULL;
	xsltCleanupGlobals();
}

xsltStylesheetPtr
xslt_load(const char *path)
{
	xsltStylesheetPtr	 style;

	if (!safety_path_allowed(path)) {
		msg_warnx("%s: not a stylesheet of the data directory", path);
		return NULL;
	}
	if ((style = xsltParseStylesheetFile((const xmlChar *)path)) == NULL)
		msg_warnx("%s: cannot load the stylesheet", path);
	return style;
}

void
xslt_register_functions(const char *ns, const struct xslt_function *table)
{
	for (; table->name != NULL; table++)
		xsltRegisterExtModuleFunction((const xmlChar *)table->name,
		    (const xmlChar *)ns, table->fn);
}

void
xslt_collect(void *data, const char *fmt, ...)
{
	char	**errors = data;
	char	 *line = NULL;
	va_list	  ap;
	int	  n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	line = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(line, (size_t)n + 1, fmt, ap);
	va_end(ap);
	xappendf(errors, "%s", line);
	free(line);
}

xsltTransformContextPtr
xslt_context(xsltStylesheetPtr style, xmlDocPtr doc, char **errors)
{
	xsltTransformContextPtr	 ctxt;

	if ((ctxt = xsltNewTransformContext(style, doc)) == NULL)
		return NULL;
	if (xsltSetCtxtSecurityPrefs(prefs, ctxt) != 0) {
		xsltFreeTransformContext(ctxt);
		return NULL;
	}
	xsltSetCtxtParseOptions(ctxt, HLEG_PARSE_OPTIONS);
	if (errors != NULL)
		xsltSetTransformErrorFunc(ctxt, errors, xslt_collect);
	return ctxt;
}

/*
 * safety.c - the restrictive external entity loader, and a home for the
 * errors libxml2 raises outside any handler.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/catalog.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "datadir.h"
#include "msg.h"
#include "safety.h"
#include "util.h"

static _Thread_local struct diag_list *report_list;
static _Thread_local xmlParserCtxtPtr report_ctxt;

/* The real path of the one file outside the data directory that may be
 * read, or NULL. */
static char	*allowed_file;

void
safety_report_to(struct diag_list *list, xmlParserCtxtPtr ctxt)
{
	report_list = list;
	report_ctxt = ctxt;
}

void
safety_allow_file(const char *path)
{
	free(allowed_file);
	allowed_file = NULL;
	if (path != NULL)
		allowed_file = realpath(path, NULL);
}

char *
safety_stylesheet_path(const char *uri)
{
	const char	*name, *p;
	char		*rel = NULL, *path;
	size_t		 n;

	if (uri == NULL || strncmp(uri, SAFETY_STYLESHEET_URN,
	    strlen(SAFETY_STYLESHEET_URN)) != 0)
		return NULL;
	name = uri + strlen(SAFETY_STYLESHEET_URN);
	n = strlen(name);
	if (n <= 4 || strcmp(name + n - 4, ".xsl") != 0)
		return NULL;
	for (p = name; p < name + n - 4; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return NULL;
	if (datadir() == NULL)
		return NULL;
	xappendf(&rel, "stylesheets/%s", name);
	path = datadir_path(rel);
	free(rel);
	return path;
}

int
safety_path_allowed(const char *path)
{
	const char	*dir;
	char		*real;
	size_t		 n;
	int		 ok;

	if (path == NULL || (dir = datadir()) == NULL)
		return 0;
	if (strncmp(path, SAFETY_STYLESHEET_URN,
	    strlen(SAFETY_STYLESHEET_URN)) == 0) {
		if ((real = safety_stylesheet_path(path)) == NULL)
			return 0;
		ok = safety_path_allowed(real);
		free(real);
		return ok;
	}
	if (strncmp(path, "file://", 7) == 0) {
		path += 7;
		/* Only local, unescaped paths: file://localhost/ and %xx are
		 * not needed by the toolkit's own data. */
		if (*path != '/')
			return 0;
	}
	if (*path != '/' || strchr(path, '%') != NULL)
		return 0;
	if ((real = realpath(path, NULL)) == NULL)
		return 0;
	n = strlen(dir);
	ok = (strncmp(real, dir, n) == 0 && real[n] == '/') ||
	    (allowed_file != NULL && strcmp(real, allowed_file) == 0);
	free(real);
	return ok;
}

static xmlParserInputPtr
loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	const char		*path;
	char			*resolved;
	xmlParserInputPtr	 input;

	(void)id;
	if (safety_path_allowed(url)) {
		if ((resolved = safety_stylesheet_path(url)) != NULL)
			path = resolved;
		else if (strncmp(url, "file://", 7) == 0)
			path = url + 7;
		else
			path = url;
		input = xmlNewInputFromFile(ctxt, path);
		free(resolved);
		return input;
	}
	if (report_list != NULL)
		diag_add(report_list, DIAG_ERROR,
		    ctxt && ctxt->input ? ctxt->input->line : 0, 0,
		    "HLEG-P007", "refused to load external resource '%s'",
		    url ? url : "(null)");
	else
		msg_warnx("refused to load external resource '%s'",
		    url ? url : "(null)");
	return NULL;
}

/* The errors libxml2 raises where no handler of a parser context hears
 * them: a document's bytes that its declared encoding cannot convert, a
 * write that fails, a stylesheet's own parse.  libxml2 would print them
 * raw on standard error.  While a document is parsed they become its
 * diagnostics; a failed read or write is reported by the code that
 * called (from the return value) and its raw text is dropped; the rest go
 * to the generic error function, which the caller may have set to
 * collect them. */
static void
stray_error(void *ctx, xmlErrorPtr e)
{
	xmlParserInputPtr	 in;
	char			*m = NULL;
	size_t			 n;

	(void)ctx;
	if (e == NULL || e->message == NULL)
		return;
	if (report_list != NULL) {
		/* "encoder error" only repeats the encoding error before
		 * it, which libxml2 raises twice. */
		if (e->domain == XML_FROM_IO && e->code == XML_IO_ENCODER)
			return;
		if (e->domain == XML_FROM_I18N)
			xappendf(&m, "the bytes do not match the encoding the "
			    "document declares: %s", e->message);
		else
			m = xstrdup(e->message);
		n = strlen(m);
		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
			m[--n] = '\0';
		for (size_t i = 0; i < report_list->count && m != NULL; i++)
			if (strcmp(report_list->items[i].message, m) == 0) {
				free(m);
				m = NULL;
			}
		in = report_ctxt != NULL ? report_ctxt->input : NULL;
		if (m != NULL)
			diag_add(report_list, e->level == XML_ERR_WARNING ?
			    DIAG_WARNING : DIAG_ERROR, in ? in->line : e->line,
			    in ? in->col : e->int2, "HLEG-P001", "%s", m);
		free(m);
		return;
	}
	if (e->domain == XML_FROM_IO || e->domain == XML_FROM_OUTPUT)
		return;
	if (e->file != NULL)
		xmlGenericError(xmlGenericErrorContext, "%s:%d: %s", e->file,
		    e->line, e->message);
	else
		xmlGenericError(xmlGenericErrorContext, "%s", e->message);
}

void
safety_errors_init(void)
{
	xmlInitParser();
	/* This thread's handler, and the one threads start with. */
	xmlSetStructuredErrorFunc(NULL, stray_error);
	xmlThrDefSetStructuredErrorFunc(NULL, stray_error);
}

int
safety_init(void)
{
	if (datadir() == NULL)
		return -1;
	safety_errors_init();
	xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
	xmlSetExternalEntityLoader(loader);
	return 0;
}

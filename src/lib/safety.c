/*
 * safety.c - the restrictive external entity loader.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "datadir.h"
#include "safety.h"
#include "util.h"

static _Thread_local struct diag_list *report_list;

void
safety_report_to(struct diag_list *list)
{
	report_list = list;
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
	ok = strncmp(real, dir, n) == 0 && real[n] == '/';
	free(real);
	return ok;
}

static xmlParserInputPtr
loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	const char	*path;

	(void)id;
	if (safety_path_allowed(url)) {
		path = url;
		if (strncmp(path, "file://", 7) == 0)
			path += 7;
		return xmlNewInputFromFile(ctxt, path);
	}
	if (report_list != NULL)
		diag_add(report_list, DIAG_ERROR,
		    ctxt && ctxt->input ? ctxt->input->line : 0, 0,
		    "HLEG-P007", "refused to load external resource '%s'",
		    url ? url : "(null)");
	else
		warnx("refused to load external resource '%s'",
		    url ? url : "(null)");
	return NULL;
}

int
safety_init(void)
{
	if (datadir() == NULL)
		return -1;
	xmlInitParser();
	xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
	xmlSetExternalEntityLoader(loader);
	return 0;
}

/*
 * safety.c - the restrictive external entity loader.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "datadir.h"
#include "msg.h"
#include "safety.h"
#include "util.h"

static _Thread_local struct diag_list *report_list;

/* The real path of the one file outside the data directory that may be
 * read, or NULL. */
static char	*allowed_file;

void
safety_report_to(struct diag_list *list)
{
	report_list = list;
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

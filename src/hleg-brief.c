/*
 * hleg-brief - a proposal, report or collection as a briefing paper.
 * This first version writes plain text (stylesheets/text.xsl), which is
 * also what git's textconv diff driver needs.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "lib/datadir.h"
#include "lib/diag.h"
#include "lib/parse.h"
#include "lib/safety.h"
#include "lib/source.h"
#include "lib/util.h"
#include "lib/validate.h"
#include "lib/xslt.h"

/* A -p parameter: passed to the stylesheet as a string, never as XPath. */
struct param {
	char	*name;
	char	*value;
};

static struct param	*params;
static size_t		 nparams;

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-brief [-h] [-f text] [-p name=value] "
	    "[file ...]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-brief [-h] [-f text] [-p name=value] "
	    "[file ...]\n"
	    "Write hleg proposals, reports and collections as briefing "
	    "papers.\n"
	    "  -f, --format text   plain text, 72 columns (the only format "
	    "for now)\n"
	    "  -h, --help          show this help and exit\n"
	    "  -p, --param N=V     pass the string V as stylesheet "
	    "parameter N\n"
	    "      --version       print the version and exit\n"
	    "As git's diff driver: git config diff.hleg.textconv "
	    "\"hleg-brief -f text\"\n"
	    "Exit status: 0 written, 1 invalid or refused, 2 usage or "
	    "system error.\n");
	exit(HLEG_EXIT_OK);
}

/* Records -p name=value; a later value of a name replaces an earlier
 * one. */
static void
add_param(const char *arg)
{
	const char	*eq;
	char		*name;

	if ((eq = strchr(arg, '=')) == NULL) {
		warnx("-p %s: give name=value", arg);
		usage();
	}
	name = xmalloc((size_t)(eq - arg) + 1);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (xmlValidateNCName((const xmlChar *)name, 0) != 0) {
		warnx("-p %s: the name '%s' is not an XML name", arg, name);
		free(name);
		usage();
	}
	for (size_t i = 0; i < nparams; i++)
		if (strcmp(params[i].name, name) == 0) {
			free(name);
			free(params[i].value);
			params[i].value = xstrdup(eq + 1);
			return;
		}
	params = xrealloc(params, (nparams + 1) * sizeof(*params));
	params[nparams].name = name;
	params[nparams].value = xstrdup(eq + 1);
	nparams++;
}

static void
free_params(void)
{
	for (size_t i = 0; i < nparams; i++) {
		free(params[i].name);
		free(params[i].value);
	}
	free(params);
	params = NULL;
	nparams = 0;
}

/* Prints the messages a transform collected, one line each, as
 * "hleg-brief: file: message". */
static void
print_messages(const char *file, const char *messages)
{
	const char	*line, *end;

	for (line = messages; line != NULL && *line != '\0'; line = end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if (end > line)
			warnx("%s: %.*s", file, (int)(end - line), line);
		if (*end == '\n')
			end++;
	}
}

/* Transforms doc, read from file, with style and writes the result to
 * standard output; nothing is written when the transform fails.  Returns
 * the exit status. */
static int
transform(xsltStylesheetPtr style, xmlDocPtr doc, const char *file)
{
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res = NULL;
	xmlChar			*text = NULL;
	char			*messages = NULL;
	int			 len = 0, status = HLEG_EXIT_OK;

	if ((ctxt = xslt_context(style, doc, &messages)) == NULL) {
		warnx("%s: cannot make a transform context", file);
		return HLEG_EXIT_SYSTEM;
	}
	for (size_t i = 0; i < nparams; i++)
		if (xsltQuoteOneUserParam(ctxt,
		    (const xmlChar *)params[i].name,
		    (const xmlChar *)params[i].value) != 0) {
			warnx("%s: cannot pass parameter %s", file,
			    params[i].name);
			status = HLEG_EXIT_SYSTEM;
			goto out;
		}
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	/* A runtime error or a terminating xsl:message leaves a context
	 * that is not OK, with or without a partial result. */
	if (res == NULL || ctxt->state != XSLT_STATE_OK) {
		print_messages(file, messages);
		warnx("%s: the transform failed; nothing is written", file);
		status = HLEG_EXIT_INVALID;
		goto out;
	}
	print_messages(file, messages);
	if (xsltSaveResultToString(&text, &len, res, style) != 0) {
		warnx("%s: cannot serialize the result", file);
		status = HLEG_EXIT_SYSTEM;
		goto out;
	}
	if (text != NULL && len > 0)
		fwrite(text, 1, (size_t)len, stdout);
out:
	xmlFree(text);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	free(messages);
	return status;
}

/* Reads, parses and transforms one file ("-" for standard input).
 * Returns the exit status. */
static int
brief(struct parser *parser, xsltStylesheetPtr style, const char *path)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root;
	enum kind		 kind;
	int			 status = HLEG_EXIT_OK;

	memset(&src, 0, sizeof(src));
	memset(&diags, 0, sizeof(diags));
	switch (source_read(&src, path, HLEG_MAX_INPUT)) {
	case SOURCE_ERROR:
		warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		source_free(&src);
		return HLEG_EXIT_SYSTEM;
	case SOURCE_TOO_LARGE:
		diag_add(&diags, DIAG_ERROR, 0, 0, "HLEG-P002",
		    "the document is larger than %u MiB; it is refused",
		    HLEG_MAX_INPUT / (1024 * 1024));
		break;
	case SOURCE_OK:
		if ((doc = parser_read(parser, &src, &diags)) == NULL)
			break;
		kind = kind_of(doc);
		if (kind == KIND_PROPOSAL || kind == KIND_REPORT ||
		    kind == KIND_COLLECTION)
			break;
		root = xmlDocGetRootElement(doc);
		if (kind == KIND_NONE)
			diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
			    source_column(&src, xmlGetLineNo(root),
			    (const char *)root->name), "HLEG-P006",
			    "the root element '%s' is not an hleg proposal, "
			    "report or collection (namespace " HLEG_NS ")",
			    root->name);
		else
			diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
			    source_column(&src, xmlGetLineNo(root),
			    (const char *)root->name), "HLEG-P006",
			    "a %s has no briefing paper; give a proposal, "
			    "report or collection", kind_name(kind));
		break;
	}
	diag_print(stderr, src.name ? src.name : path, &diags);
	if (diags.worst == DIAG_ERROR)
		status = HLEG_EXIT_INVALID;
	else if (doc != NULL)
		status = transform(style, doc, src.name);
	xmlFreeDoc(doc);
	diag_clear(&diags);
	source_free(&src);
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "param", required_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct parser		*parser;
	xsltStylesheetPtr	 style;
	char			*path;
	int			 ch, status = HLEG_EXIT_OK, s;

	while ((ch = getopt_long(argc, argv, "f:hp:", longopts, NULL)) != -1)
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "text") != 0) {
				warnx("-f %s: only -f text is available",
				    optarg);
				usage();
			}
			break;
		case 'h':
			help();
			break;
		case 'p':
			add_param(optarg);
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;

	/* No schema and no rules: a briefing paper is written from what
	 * the document says; hleg-validate judges it. */
	if (safety_init() == -1)
		return HLEG_EXIT_SYSTEM;
	xslt_init();
	path = datadir_path("stylesheets/text.xsl");
	style = path != NULL ? xslt_load(path) : NULL;
	free(path);
	if (style == NULL) {
		free_params();
		xslt_cleanup();
		xmlCleanupParser();
		return HLEG_EXIT_SYSTEM;
	}
	if ((parser = parser_new()) == NULL)
		errx(HLEG_EXIT_SYSTEM, "cannot make a parser");

	if (argc == 0)
		status = brief(parser, style, "-");
	for (int i = 0; i < argc; i++)
		if ((s = brief(parser, style, argv[i])) > status)
			status = s;

	parser_free(parser);
	xsltFreeStylesheet(style);
	free_params();
	xslt_cleanup();
	xmlCleanupParser();
	if (fshut(stdout, "stdout") != 0)
		status = HLEG_EXIT_SYSTEM;
	return status;
}

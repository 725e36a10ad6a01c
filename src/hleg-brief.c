/*
 * hleg-brief - a proposal, report or collection as a briefing paper: HTML
 * for print and screen (stylesheets/brief-html.xsl), or plain text
 * (stylesheets/text.xsl), which is also what git's textconv diff driver
 * needs; or what a customisation layer that imports either makes.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "lib/datadir.h"
#include "lib/diag.h"
#include "lib/msg.h"
#include "lib/parse.h"
#include "lib/safety.h"
#include "lib/source.h"
#include "lib/textconv.h"
#include "lib/textpaper.h"
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

enum format {
	FORMAT_HTML,
	FORMAT_TEXT
};

/* The stock stylesheet of each format, in the data directory. */
static const char *const stock[] = {
	[FORMAT_HTML] = "stylesheets/brief-html.xsl",
	[FORMAT_TEXT] = "stylesheets/text.xsl"
};

#define SYNOPSIS "usage: hleg-brief [-h] [-f html|text] [-p name=value] " \
	"[--stylesheet file] [--textconv] [file ...]\n"

static void
usage(void)
{
	fprintf(stderr, SYNOPSIS);
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf(SYNOPSIS
	    "Write hleg proposals, reports and collections as briefing "
	    "papers.\n"
	    "  -f, --format html   one HTML5 paper, print-ready (A4) and for "
	    "the screen\n"
	    "                      (the default; one file)\n"
	    "  -f, --format text   plain text, 72 columns, one after another\n"
	    "  -h, --help          show this help and exit\n"
	    "  -p, --param N=V     pass the string V as stylesheet "
	    "parameter N\n"
	    "                      (html: title, date, classification, "
	    "header; text: header)\n"
	    "      --stylesheet F  use the customisation layer F, which "
	    "imports\n"
	    "                      urn:hleg:stylesheets:brief-html.xsl or "
	    "text.xsl\n"
	    "      --textconv      as git's diff driver: the text of one file, "
	    "or a\n"
	    "                      placeholder and its source when it has "
	    "none (exit 0)\n"
	    "      --version       print the version and exit\n"
	    "As git's diff driver: git config diff.hleg.textconv "
	    "\"hleg-brief --textconv\"\n"
	    "Exit status: 0 written, 1 invalid or refused, 2 usage or "
	    "system error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/* Records -p name=value; a later value of a name replaces an earlier
 * one. */
static void
add_param(const char *arg)
{
	const char	*eq;
	char		*name;

	if ((eq = strchr(arg, '=')) == NULL) {
		msg_warnx("-p %s: give name=value", arg);
		usage();
	}
	name = xmalloc((size_t)(eq - arg) + 1);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (xmlValidateNCName((const xmlChar *)name, 0) != 0) {
		msg_warnx("-p %s: the name '%s' is not an XML name", arg, name);
		free(name);
		usage();
	}
	if (!xmlCheckUTF8((const unsigned char *)eq + 1)) {
		msg_warnx("-p %s: the value is not UTF-8", name);
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

/* Appends a message of libxml2 or libxslt to the string *data. */
static void
collect(void *data, const char *fmt, ...)
{
	char	**messages = data;
	char	 *text;
	va_list	  ap;
	int	  n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	text = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	xappendf(messages, "%s", text);
	free(text);
}

/* Prints the messages a transform collected, one line each, as
 * "hleg-brief: file: message".  The bare "error" that libxslt writes
 * before a message that has no node to locate says nothing and is
 * dropped. */
static void
print_messages(const char *file, const char *messages)
{
	const char	*line, *end;

	for (line = messages; line != NULL && *line != '\0'; line = end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if (end > line && !(end - line == 5 &&
		    strncmp(line, "error", 5) == 0))
			msg_warnx("%s: %.*s", file, (int)(end - line), line);
		if (*end == '\n')
			end++;
	}
}

/* Writes res to out as style's xsl:output says, straight from the result
 * tree, which exists only once the transform has succeeded.  HTML is
 * written as xsltSaveResultToFile writes it, less the <meta
 * http-equiv="Content-Type"> that libxslt adds to the head: the HTML5
 * stylesheet declares <meta charset="utf-8">, and two declarations of the
 * encoding are an error in HTML5.  Returns 0, or -1 when out cannot be
 * written (fshut reports why). */
static int
write_result(FILE *out, xmlDocPtr res, xsltStylesheetPtr style)
{
	const xmlChar			*method, *encoding;
	xmlCharEncodingHandlerPtr	 encoder = NULL;
	xmlOutputBufferPtr		 buf;
	int				 indent;

	XSLT_GET_IMPORT_PTR(method, style, method);
	if (res->type != XML_HTML_DOCUMENT_NODE ||
	    (method != NULL && !xmlStrEqual(method, BAD_CAST "html")))
		return xsltSaveResultToFile(out, res, style) < 0 ? -1 : 0;
	if (res->children == NULL)
		return 0;
	XSLT_GET_IMPORT_PTR(encoding, style, encoding);
	XSLT_GET_IMPORT_INT(indent, style, indent);
	if (encoding != NULL) {
		encoder = xmlFindCharEncodingHandler((const char *)encoding);
		if (encoder != NULL && xmlStrcasecmp(BAD_CAST encoder->name,
		    BAD_CAST "UTF-8") == 0)
			encoder = NULL;
	}
	if ((buf = xmlOutputBufferCreateFile(out, encoder)) == NULL)
		return -1;
	htmlDocContentDumpFormatOutput(buf, res, (const char *)encoding,
	    indent != 0);
	return xmlOutputBufferClose(buf) < 0 ? -1 : 0;
}

/* Transforms doc, read from file, with style and writes the result to
 * standard output; nothing is written when the transform fails.  Returns
 * the exit status. */
static int
transform(xsltStylesheetPtr style, xmlDocPtr doc, const char *file)
{
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res = NULL;
	char			*messages = NULL;
	int			 status = HLEG_EXIT_OK;

	if ((ctxt = xslt_context(style, doc, &messages)) == NULL) {
		msg_warnx("%s: cannot make a transform context", file);
		return HLEG_EXIT_SYSTEM;
	}
	for (size_t i = 0; i < nparams; i++)
		if (xsltQuoteOneUserParam(ctxt,
		    (const xmlChar *)params[i].name,
		    (const xmlChar *)params[i].value) != 0) {
			msg_warnx("%s: cannot pass parameter %s", file,
			    params[i].name);
			status = HLEG_EXIT_SYSTEM;
			goto out;
		}
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	/* A runtime error or a terminating xsl:message leaves a context
	 * that is not OK, with or without a partial result. */
	if (res == NULL || ctxt->state != XSLT_STATE_OK) {
		print_messages(file, messages);
		msg_warnx("%s: the transform failed; nothing is written", file);
		status = HLEG_EXIT_INVALID;
		goto out;
	}
	print_messages(file, messages);
	/* fshut reports a write error at the end. */
	if (write_result(stdout, res, style) != 0) {
		if (!ferror(stdout))
			msg_warnx("%s: cannot write the paper", file);
		status = HLEG_EXIT_SYSTEM;
	}
out:
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
		msg_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
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
	/* The bytes are parsed and every diagnostic is printed: the
	 * transform may have their memory. */
	free(src.data);
	src.data = NULL;
	src.len = 0;
	if (diags.worst == DIAG_ERROR)
		status = HLEG_EXIT_INVALID;
	else if (doc != NULL)
		status = transform(style, doc, src.name);
	xmlFreeDoc(doc);
	diag_clear(&diags);
	source_free(&src);
	return status;
}

/* The security preferences let XSLT read the network only for the
 * toolkit's own stylesheets' URIs, urn:hleg:stylesheets:NAME, which the
 * entity loader resolves to the data directory (libxslt checks any URI
 * with a scheme other than file: as a network read). */
static int
read_stylesheet_uri(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec; (void)ctxt;
	return value != NULL && strncmp(value, SAFETY_STYLESHEET_URN,
	    strlen(SAFETY_STYLESHEET_URN)) == 0 && safety_path_allowed(value);
}

/* Compiles the customisation layer file, which the user named, so it may
 * be read from anywhere; what it imports or includes passes the loader
 * and the security preferences like any other read, so only the data
 * directory and urn:hleg:stylesheets: are open to it.  Returns the
 * stylesheet, or NULL after a message with *status set. */
static xsltStylesheetPtr
load_layer(const char *file, int *status)
{
	xsltStylesheetPtr	 style;
	struct stat		 sb;
	xmlURIPtr		 uri;
	char			*real, *messages = NULL;
	int			 fd;

	if ((real = realpath(file, NULL)) == NULL || stat(real, &sb) == -1) {
		msg_warn("%s", file);
		free(real);
		*status = HLEG_EXIT_SYSTEM;
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		msg_warnx("%s: not a regular file", file);
		free(real);
		*status = HLEG_EXIT_SYSTEM;
		return NULL;
	}
	/* A file that cannot be read is a system error, said once, not a
	 * stylesheet that does not compile. */
	if ((fd = open(real, O_RDONLY)) == -1) {
		msg_warn("%s", file);
		free(real);
		*status = HLEG_EXIT_SYSTEM;
		return NULL;
	}
	close(fd);
	/* libxslt checks the path as a URI, and the loader refuses %xx
	 * escapes. */
	if (strchr(real, '%') != NULL ||
	    (uri = xmlParseURI(real)) == NULL) {
		msg_warnx("%s: a layer's path may not hold spaces, %% or other "
		    "characters that are not allowed in a URI", real);
		free(real);
		*status = HLEG_EXIT_SYSTEM;
		return NULL;
	}
	xmlFreeURI(uri);
	safety_allow_file(real);
	xsltSetGenericErrorFunc(&messages, collect);
	xmlSetGenericErrorFunc(&messages, collect);
	style = xsltParseStylesheetFile((const xmlChar *)real);
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	safety_allow_file(NULL);
	print_messages(file, messages);
	free(messages);
	free(real);
	if (style != NULL && style->errors != 0) {
		xsltFreeStylesheet(style);
		style = NULL;
	}
	if (style == NULL) {
		msg_warnx("%s: cannot compile the stylesheet; a layer may import "
		    "or include only " SAFETY_STYLESHEET_URN "NAME", file);
		*status = HLEG_EXIT_INVALID;
	}
	return style;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "param", required_argument, NULL, 'p' },
		{ "stylesheet", required_argument, NULL, 'S' },
		{ "textconv", no_argument, NULL, 'T' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct parser		*parser;
	xsltStylesheetPtr	 style;
	enum format		 format = FORMAT_HTML;
	const char		*layer = NULL;
	struct textconv		*tc;
	int			 textconv = 0, html = 0;
	char			*path;
	int			 ch, status = HLEG_EXIT_OK, s;

	while ((ch = getopt_long(argc, argv, "f:hp:", longopts, NULL)) != -1)
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "html") == 0) {
				format = FORMAT_HTML;
				html = 1;
			}
			else if (strcmp(optarg, "text") == 0)
				format = FORMAT_TEXT;
			else {
				msg_warnx("-f %s: give -f html or -f text "
				    "(hleg-pdf makes the PDF)", optarg);
				usage();
			}
			break;
		case 'h':
			help();
			break;
		case 'p':
			add_param(optarg);
			break;
		case 'S':
			layer = optarg;
			break;
		case 'T':
			textconv = 1;
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

	/* git's textconv driver: the text of one file, never a failure for
	 * a version that has none (src/lib/textconv.h). */
	if (textconv && (html || argc != 1)) {
		msg_warnx("--textconv writes the text of one file");
		usage();
	}
	if (textconv)
		format = FORMAT_TEXT;

	/* An HTML paper is one document: several are gathered into one
	 * collection first. */
	if (format == FORMAT_HTML && argc > 1) {
		msg_warnx("-f html writes one paper from one file; gather "
		    "several documents with hleg-collect, or use -f text");
		usage();
	}

	/* No schema and no rules: a briefing paper is written from what
	 * the document says; hleg-validate judges it. */
	if (safety_init() == -1)
		return HLEG_EXIT_SYSTEM;
	xslt_init();
	/* The text paper's extension functions (hx:wrap and others). */
	textpaper_register();
	xsltSetSecurityPrefs(xsltGetDefaultSecurityPrefs(),
	    XSLT_SECPREF_READ_NETWORK, read_stylesheet_uri);
	if (layer != NULL)
		style = load_layer(layer, &status);
	else {
		path = datadir_path(stock[format]);
		style = path != NULL ? xslt_load(path) : NULL;
		free(path);
		status = HLEG_EXIT_SYSTEM;
	}
	if (style == NULL) {
		free_params();
		xslt_cleanup();
		xmlCleanupParser();
		return status;
	}
	status = HLEG_EXIT_OK;
	if ((parser = parser_new()) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot make a parser");

	if (textconv) {
		tc = textconv_begin();
		status = textconv_end(tc, argv[0],
		    brief(parser, style, argv[0]));
		argc = 0;
	} else if (argc == 0)
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

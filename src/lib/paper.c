/*
 * paper.c - parameters, stylesheets, the transform and the writing of a
 * briefing paper (hleg-brief, hleg-pdf).
 */
#include <sys/stat.h>

#include <fcntl.h>
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

#include "datadir.h"
#include "diag.h"
#include "msg.h"
#include "paper.h"
#include "paperkeys.h"
#include "safety.h"
#include "textpaper.h"
#include "util.h"
#include "validate.h"
#include "visible.h"
#include "xslt.h"

/* A -p parameter: passed to the stylesheet as a string, never as XPath. */
struct param {
	char	*name;
	char	*value;
};

static struct param	*params;
static size_t		 nparams;

int
paper_param(const char *arg)
{
	const char	*eq;
	char		*name;

	if ((eq = strchr(arg, '=')) == NULL) {
		msg_warnx("-p %s: give name=value", arg);
		return -1;
	}
	name = xmalloc((size_t)(eq - arg) + 1);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (xmlValidateNCName((const xmlChar *)name, 0) != 0) {
		msg_warnx("-p %s: the name '%s' is not an XML name", arg, name);
		free(name);
		return -1;
	}
	if (!xmlCheckUTF8((const unsigned char *)eq + 1)) {
		msg_warnx("-p %s: the value is not UTF-8", name);
		free(name);
		return -1;
	}
	for (size_t i = 0; i < nparams; i++)
		if (strcmp(params[i].name, name) == 0) {
			free(name);
			free(params[i].value);
			params[i].value = xstrdup(eq + 1);
			return 0;
		}
	params = xrealloc(params, (nparams + 1) * sizeof(*params));
	params[nparams].name = name;
	params[nparams].value = xstrdup(eq + 1);
	nparams++;
	return 0;
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
 * "prog: file: message".  The bare "error" that libxslt writes before a
 * message that has no node to locate says nothing and is dropped. */
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

int
paper_init(void)
{
	/* No schema and no rules: a briefing paper is written from what
	 * the document says; hleg-validate judges it. */
	if (safety_init() == -1)
		return -1;
	xslt_init();
	paper_keys_register();
	/* The text paper's extension functions (hx:wrap and others). */
	textpaper_register();
	xsltSetSecurityPrefs(xsltGetDefaultSecurityPrefs(),
	    XSLT_SECPREF_READ_NETWORK, read_stylesheet_uri);
	return 0;
}

void
paper_cleanup(void)
{
	free_params();
	xslt_cleanup();
	xmlCleanupParser();
}

xsltStylesheetPtr
paper_stock(const char *name)
{
	xsltStylesheetPtr	 style;
	char			*path;

	path = datadir_path(name);
	style = path != NULL ? xslt_load(path) : NULL;
	free(path);
	return style;
}

xsltStylesheetPtr
paper_layer(const char *file, int *status)
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
	xsltSetGenericErrorFunc(&messages, xslt_collect);
	xmlSetGenericErrorFunc(&messages, xslt_collect);
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
paper_parse(struct parser *parser, const char *path, struct source *src,
    xmlDocPtr *docp)
{
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root;
	enum kind		 kind;
	int			 status = HLEG_EXIT_OK;

	*docp = NULL;
	memset(src, 0, sizeof(*src));
	memset(&diags, 0, sizeof(diags));
	switch (source_read(src, path, HLEG_MAX_COLLECTION)) {
	case SOURCE_ERROR:
		msg_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		return HLEG_EXIT_SYSTEM;
	case SOURCE_TOO_LARGE:
		diag_add(&diags, DIAG_ERROR, 0, 0, "HLEG-P002",
		    "the document is larger than %u MiB; it is refused",
		    HLEG_MAX_INPUT / (1024 * 1024));
		break;
	case SOURCE_OK:
		if ((doc = parser_read(parser, src, &diags)) == NULL)
			break;
		kind = kind_of(doc);
		if (kind == KIND_PROPOSAL || kind == KIND_REPORT ||
		    kind == KIND_COLLECTION)
			break;
		root = xmlDocGetRootElement(doc);
		if (kind == KIND_NONE)
			diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
			    source_column(src, xmlGetLineNo(root),
			    (const char *)root->name), "HLEG-P006",
			    "the root element '%s' is not an hleg proposal, "
			    "report or collection (namespace " HLEG_NS ")",
			    root->name);
		else
			diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
			    source_column(src, xmlGetLineNo(root),
			    (const char *)root->name), "HLEG-P006",
			    "a %s has no briefing paper; give a proposal, "
			    "report or collection", kind_name(kind));
		break;
	}
	diag_print(stderr, src->name ? src->name : path, &diags);
	if (diags.worst == DIAG_ERROR) {
		status = HLEG_EXIT_INVALID;
		xmlFreeDoc(doc);
	} else
		*docp = doc;
	diag_clear(&diags);
	return status;
}

xmlDocPtr
paper_transform(xsltStylesheetPtr style, xmlDocPtr doc, const char *file,
    int *status)
{
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res = NULL;
	char			*messages = NULL;

	if ((ctxt = xslt_context(style, doc, &messages)) == NULL) {
		msg_warnx("%s: cannot make a transform context", file);
		*status = HLEG_EXIT_SYSTEM;
		return NULL;
	}
	for (size_t i = 0; i < nparams; i++)
		if (xsltQuoteOneUserParam(ctxt,
		    (const xmlChar *)params[i].name,
		    (const xmlChar *)params[i].value) != 0) {
			msg_warnx("%s: cannot pass parameter %s", file,
			    params[i].name);
			*status = HLEG_EXIT_SYSTEM;
			goto out;
		}
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	/* A runtime error or a terminating xsl:message leaves a context
	 * that is not OK, with or without a partial result. */
	if (res == NULL || ctxt->state != XSLT_STATE_OK) {
		print_messages(file, messages);
		msg_warnx("%s: the transform failed; nothing is written", file);
		xmlFreeDoc(res);
		res = NULL;
		*status = HLEG_EXIT_INVALID;
		goto out;
	}
	print_messages(file, messages);
	/* Controls are shown, whatever the stylesheet wrote. */
	if (visible_controls(res, file) != 0) {
		xmlFreeDoc(res);
		res = NULL;
		*status = HLEG_EXIT_INVALID;
	}
out:
	xsltFreeTransformContext(ctxt);
	free(messages);
	return res;
}

int
paper_write(FILE *out, xmlDocPtr res, xsltStylesheetPtr style)
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

/* Whether the HTML element node lays out inline, so that a word may
 * run on across it. */
static int
inline_element(xmlNodePtr node)
{
	static const char *const names[] = { "a", "abbr", "b", "bdi", "bdo",
	    "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
	    "samp", "small", "span", "strong", "sub", "sup", "time", "u",
	    "var" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (xmlStrcasecmp(node->name, BAD_CAST names[i]) == 0)
			return 1;
	return 0;
}

void
paper_measure(xmlDocPtr res, struct paper_size *size)
{
	xmlNodePtr	 node, root;
	const xmlChar	*p;
	size_t		 cells, run = 0;

	memset(size, 0, sizeof(*size));
	if ((root = xmlDocGetRootElement(res)) == NULL)
		return;
	/* A walk without recursion: down, along, and up until there is a
	 * sibling.  A word ends at white space, and where a block begins
	 * or ends. */
	for (node = root; node != NULL; ) {
		if (node->type == XML_ELEMENT_NODE) {
			if (!inline_element(node))
				run = 0;
			size->boxes += xmlStrcasecmp(node->name,
			    BAD_CAST "li") == 0 ? 2 : 1;
			if (xmlStrcasecmp(node->name, BAD_CAST "tr") == 0) {
				cells = 0;
				for (xmlNodePtr c = node->children; c != NULL;
				    c = c->next)
					if (c->type == XML_ELEMENT_NODE)
						cells++;
				if (cells > size->row)
					size->row = cells;
			}
			if (node->children != NULL) {
				node = node->children;
				continue;
			}
		} else if ((node->type == XML_TEXT_NODE ||
		    node->type == XML_CDATA_SECTION_NODE) &&
		    node->content != NULL)
			for (p = node->content; *p != '\0'; p++) {
				size->text++;
				if (*p == ' ' || *p == '\t' || *p == '\n' ||
				    *p == '\r')
					run = 0;
				else if (++run > size->word)
					size->word = run;
			}
		while (node != root && node->next == NULL) {
			node = node->parent;
			if (!inline_element(node))
				run = 0;
		}
		if (node == root)
			break;
		if (node->type == XML_ELEMENT_NODE && !inline_element(node))
			run = 0;
		node = node->next;
	}
}

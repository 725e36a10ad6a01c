/*
 * fuzz-params.c - libFuzzer target: a stylesheet parameter passed as
 * hleg-brief passes "-p NAME=VALUE", a string and never XPath, comes out
 * of the transform as it went in.
 *
 * The input is the value.  hleg-brief refuses a value that is not UTF-8
 * by xmlCheckUTF8(), and so does this target; then, as in transform() of
 * src/hleg-brief.c (the quoting is not in the library, so it is done
 * here the same way), the value is given to xsltQuoteOneUserParam() on a
 * context from xslt_context(), under the toolkit's XSLT security
 * preferences, and two stylesheets built in memory write
 * <out><xsl:value-of select="$p"/></out>, one as XML and one as text.
 * The transform must succeed without a message; the result tree must
 * hold the value byte for byte; the text output must be the value; and
 * when the value is text XML allows, the XML output parsed again must
 * give the value back (quotes, apostrophes, "$", "{", "&", "<", "]]>",
 * carriage returns and all).
 *
 * Build and run with "make fuzz"; HLEG_DATADIR must name the source tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlstring.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "../../src/lib/parse.h"
#include "../../src/lib/safety.h"
#include "../../src/lib/xslt.h"
#include "fuzz.h"

#define STYLESHEET(method)						\
	"<xsl:stylesheet version=\"1.0\" "				\
	"xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"		\
	"<xsl:output method=\"" method "\" encoding=\"UTF-8\"/>"	\
	"<xsl:param name=\"p\"/>"					\
	"<xsl:template match=\"/\">"					\
	"<out><xsl:value-of select=\"$p\"/></out>"			\
	"</xsl:template></xsl:stylesheet>"

static xsltStylesheetPtr	 as_xml, as_text;
static xmlDocPtr		 input;

static xsltStylesheetPtr
stylesheet(const char *text)
{
	xmlDocPtr		 doc;
	xsltStylesheetPtr	 style;

	if ((doc = xmlReadMemory(text, (int)strlen(text), "fuzz.xsl", NULL,
	    HLEG_PARSE_OPTIONS)) == NULL ||
	    (style = xsltParseStylesheetDoc(doc)) == NULL)
		abort();
	return style;
}

static void
init(void)
{
	const char	*in = "<in/>";

	if (safety_init() == -1)
		abort();
	xslt_init();
	as_xml = stylesheet(STYLESHEET("xml"));
	as_text = stylesheet(STYLESHEET("text"));
	if ((input = xmlReadMemory(in, (int)strlen(in), "in.xml", NULL,
	    HLEG_PARSE_OPTIONS)) == NULL)
		abort();
}

/* Applies style with $p = value, as hleg-brief does; returns the result
 * (never NULL: a failure aborts). */
static xmlDocPtr
apply(xsltStylesheetPtr style, const char *value)
{
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res;
	char			*errors = NULL;

	CHECK((ctxt = xslt_context(style, input, &errors)) != NULL);
	CHECK(xsltQuoteOneUserParam(ctxt, (const xmlChar *)"p",
	    (const xmlChar *)value) == 0);
	res = xsltApplyStylesheetUser(style, input, NULL, NULL, NULL, ctxt);
	CHECK(res != NULL && ctxt->state == XSLT_STATE_OK);
	CHECK(errors == NULL);
	xsltFreeTransformContext(ctxt);
	return res;
}

/* The text of res's root element <out> ("" when it is empty). */
static char *
out_text(xmlDocPtr res)
{
	xmlNodePtr	 root = xmlDocGetRootElement(res);
	xmlChar		*v;
	char		*s;

	CHECK(root != NULL && xmlStrEqual(root->name, (const xmlChar *)"out"));
	v = xmlNodeGetContent(root);
	s = strdup(v ? (const char *)v : "");
	xmlFree(v);
	CHECK(s != NULL);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDocPtr	 res, again;
	xmlChar		*bytes;
	char		*value, *text;
	int		 len;

	if (input == NULL)
		init();
	/* A command-line argument has no NUL; hleg-brief wants UTF-8. */
	if (memchr(data, '\0', size) != NULL)
		return 0;
	value = fuzz_string(data, size);
	if (!xmlCheckUTF8((const unsigned char *)value)) {
		free(value);
		return 0;
	}

	res = apply(as_xml, value);
	text = out_text(res);
	CHECK(strcmp(text, value) == 0);
	free(text);
	CHECK(xsltSaveResultToString(&bytes, &len, res, as_xml) == 0);
	if (fuzz_xml_text(value)) {
		CHECK(bytes != NULL);
		again = xmlReadMemory((const char *)bytes, len, "out.xml", NULL,
		    HLEG_PARSE_OPTIONS);
		CHECK(again != NULL);
		text = out_text(again);
		CHECK(strcmp(text, value) == 0);
		free(text);
		xmlFreeDoc(again);
	}
	xmlFree(bytes);
	xmlFreeDoc(res);

	res = apply(as_text, value);
	CHECK(xsltSaveResultToString(&bytes, &len, res, as_text) == 0);
	CHECK((size_t)len == strlen(value));
	CHECK(len == 0 || memcmp(bytes, value, (size_t)len) == 0);
	xmlFree(bytes);
	xmlFreeDoc(res);
	free(value);
	return 0;
}

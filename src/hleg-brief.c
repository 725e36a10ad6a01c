/*
 * hleg-brief - a proposal, report or collection as a briefing paper: HTML
 * for print and screen (stylesheets/brief-html.xsl), or plain text
 * (stylesheets/text.xsl), which is also what git's textconv diff driver
 * needs; or what a customisation layer that imports either makes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "lib/msg.h"
#include "lib/paper.h"
#include "lib/parse.h"
#include "lib/source.h"
#include "lib/textconv.h"
#include "lib/util.h"

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

/* Transforms doc, read from file, with style and writes the result to
 * standard output; nothing is written when the transform fails.  Returns
 * the exit status. */
static int
transform(xsltStylesheetPtr style, xmlDocPtr doc, const char *file)
{
	xmlDocPtr	 res;
	int		 status = HLEG_EXIT_OK;

	if ((res = paper_transform(style, doc, file, &status)) == NULL)
		return status;
	/* fshut reports a write error at the end. */
	if (paper_write(stdout, res, style) != 0) {
		if (!ferror(stdout))
			msg_warnx("%s: cannot write the paper", file);
		status = HLEG_EXIT_SYSTEM;
	}
	xmlFreeDoc(res);
	return status;
}

/* Reads, parses and transforms one file ("-" for standard input).
 * Returns the exit status. */
static int
brief(struct parser *parser, xsltStylesheetPtr style, const char *path)
{
	struct source	 src;
	xmlDocPtr	 doc;
	int		 status;

	status = paper_parse(parser, path, &src, &doc);
	/* The bytes are parsed and every diagnostic is printed: the
	 * transform may have their memory. */
	free(src.data);
	src.data = NULL;
	src.len = 0;
	if (status == HLEG_EXIT_OK)
		status = transform(style, doc, src.name);
	xmlFreeDoc(doc);
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
	int			 ch, status = HLEG_EXIT_OK, s;
	int			 textconv = 0, html = 0;

	while ((ch = getopt_long(argc, argv, "f:hp:", longopts, NULL)) != -1)
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "html") == 0) {
				format = FORMAT_HTML;
				html = 1;
			} else if (strcmp(optarg, "text") == 0)
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
			if (paper_param(optarg) == -1)
				usage();
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

	if (paper_init() == -1)
		return HLEG_EXIT_SYSTEM;
	if (layer != NULL)
		style = paper_layer(layer, &status);
	else {
		style = paper_stock(stock[format]);
		status = HLEG_EXIT_SYSTEM;
	}
	if (style == NULL) {
		paper_cleanup();
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
	paper_cleanup();
	if (fshut(stdout, "stdout") != 0)
		status = HLEG_EXIT_SYSTEM;
	return status;
}

/*
 * test-lib.c - unit tests of the shared library's defences and helpers,
 * with cmocka.  Run from the top of the source tree (make check does), so
 * that the data directory is found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "../../src/lib/datadir.h"
#include "../../src/lib/diag.h"
#include "../../src/lib/msg.h"
#include "../../src/lib/parse.h"
#include "../../src/lib/safety.h"
#include "../../src/lib/source.h"
#include "../../src/lib/util.h"

static int
setup(void **state)
{
	(void)state;
	return safety_init();
}

static void
test_paths_inside_the_data_directory_only(void **state)
{
	char	*inside, *escape = NULL, *uri = NULL;

	(void)state;
	inside = datadir_path("schemas/hleg.xsd");
	assert_non_null(inside);
	assert_true(safety_path_allowed(inside));
	xappendf(&uri, "file://%s", inside);
	assert_true(safety_path_allowed(uri));
	xappendf(&escape, "%s/schemas/../../../etc/passwd", datadir());
	assert_false(safety_path_allowed(escape));
	assert_false(safety_path_allowed("/etc/passwd"));
	assert_false(safety_path_allowed("file:///etc/passwd"));
	assert_false(safety_path_allowed("file://localhost/etc/passwd"));
	assert_false(safety_path_allowed("http://attacker.example/x.dtd"));
	assert_false(safety_path_allowed("ftp://attacker.example/x.dtd"));
	assert_false(safety_path_allowed("schemas/hleg.xsd"));
	assert_false(safety_path_allowed(NULL));
	free(inside);
	free(escape);
	free(uri);
}

/* Even a caller that asks libxml2 to load the external DTD gets nothing
 * but a reported refusal: the loader is the last line of defence. */
static void
test_the_loader_refuses_and_says_so(void **state)
{
	static const char doc[] =
	    "<!DOCTYPE p SYSTEM \"file:///etc/passwd\"><p/>";
	struct diag_list	 list;
	xmlDocPtr		 d;

	(void)state;
	memset(&list, 0, sizeof(list));
	safety_report_to(&list, NULL);
	d = xmlReadMemory(doc, sizeof(doc) - 1, "t.xml", NULL,
	    XML_PARSE_DTDLOAD | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	safety_report_to(NULL, NULL);
	xmlFreeDoc(d);
	assert_true(list.count >= 1);
	assert_string_equal(list.items[0].rule, "HLEG-P007");
	assert_string_equal(list.items[0].message,
	    "refused to load external resource 'file:///etc/passwd'");
	diag_clear(&list);
}

static void
test_columns_point_at_the_start_tag(void **state)
{
	struct source	 src;
	char		 text[] = "<a>\n  <b:c x='1'/><c/>\n<cc/><c\n/>";

	(void)state;
	src.name = "t";
	src.data = text;
	src.len = strlen(text);
	assert_int_equal(source_column(&src, 1, "a"), 1);
	assert_int_equal(source_column(&src, 2, "b:c"), 3);
	assert_int_equal(source_column(&src, 2, "c"), 15);
	assert_int_equal(source_column(&src, 3, "c"), 6);
	assert_int_equal(source_column(&src, 3, "cc"), 1);
	assert_int_equal(source_column(&src, 9, "a"), 0);
	assert_int_equal(source_column(&src, 1, NULL), 0);
}

static void
test_reading_stops_past_the_bound(void **state)
{
	struct source	 src;
	char		 path[] = "/tmp/hleg-unit-XXXXXX";
	char		 block[4096];
	int		 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	memset(block, 'x', sizeof(block));
	for (int i = 0; i < 64; i++)
		assert_int_equal(write(fd, block, sizeof(block)),
		    sizeof(block));
	close(fd);
	assert_int_equal(source_read(&src, path, 64 * 4096), SOURCE_OK);
	assert_int_equal(src.len, 64 * 4096);
	assert_int_equal(src.data[src.len], '\0');
	source_free(&src);
	assert_int_equal(source_read(&src, path, 64 * 4096 - 1),
	    SOURCE_TOO_LARGE);
	assert_null(src.data);
	source_free(&src);
	unlink(path);
	assert_int_equal(source_read(&src, path, 100), SOURCE_ERROR);
	source_free(&src);
}

/* A document of len bytes whose root is root (with its namespace
 * declaration), padded with comments of 1 MiB: few nodes. */
static void
padded(struct source *src, const char *root, const char *end, size_t len)
{
	size_t	 n = 0, head = strlen(root), tail = strlen(end);
	char	*buf = malloc(len + 1);

	assert_non_null(buf);
	memcpy(buf, root, head);
	n = head;
	while (n + tail < len) {
		size_t	 chunk = len - tail - n > 1048576 ? 1048576 :
		    len - tail - n;

		if (chunk < 7) {
			memset(buf + n, ' ', chunk);
		} else {
			memcpy(buf + n, "<!--", 4);
			memset(buf + n + 4, 'x', chunk - 7);
			memcpy(buf + n + chunk - 3, "-->", 3);
		}
		n += chunk;
	}
	memcpy(buf + n, end, tail);
	buf[len] = '\0';
	src->name = xstrdup("padded.xml");
	src->data = buf;
	src->len = len;
}

/* What parser_read() makes of a document of len bytes with root. */
static int
parses(const char *root, const char *end, size_t len, struct diag_list *d)
{
	struct parser	*p = parser_new();
	struct source	 src;
	xmlDocPtr	 doc;

	padded(&src, root, end, len);
	memset(d, 0, sizeof(*d));
	doc = parser_read(p, &src, d);
	xmlFreeDoc(doc);
	source_free(&src);
	parser_free(p);
	return doc != NULL;
}

static void
test_only_a_collection_may_pass_the_input_limit(void **state)
{
	const char	*coll = "<collection xmlns=\"urn:hleg:1\">";
	const char	*prop = "<proposal xmlns=\"urn:hleg:1\">";
	const char	*other = "<collection xmlns=\"urn:other:1\">";
	struct diag_list d;

	(void)state;
	assert_true(parses(coll, "</collection>", HLEG_MAX_INPUT + 1, &d));
	diag_clear(&d);
	assert_true(parses(coll, "</collection>", HLEG_MAX_COLLECTION, &d));
	diag_clear(&d);
	assert_true(parses(prop, "</proposal>", HLEG_MAX_INPUT, &d));
	diag_clear(&d);
	/* Refused at the root, whatever follows. */
	assert_false(parses(prop, "</proposal>", HLEG_MAX_INPUT + 1, &d));
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].rule, "HLEG-P002");
	assert_int_equal(d.items[0].line, 0);
	diag_clear(&d);
	assert_false(parses(other, "</collection>", HLEG_MAX_INPUT + 1, &d));
	assert_string_equal(d.items[0].rule, "HLEG-P002");
	diag_clear(&d);
	assert_false(parses(coll, "</collection>", HLEG_MAX_COLLECTION + 1,
	    &d));
	assert_string_equal(d.items[0].rule, "HLEG-P002");
	diag_clear(&d);
}

static void
test_diagnostics_are_one_line_and_bounded(void **state)
{
	struct diag_list	 list;

	(void)state;
	memset(&list, 0, sizeof(list));
	diag_add(&list, DIAG_WARNING, 3, 4, "R", "two\nlines\t \n");
	assert_string_equal(list.items[0].message, "two lines");
	assert_int_equal(list.worst, DIAG_WARNING);
	for (int i = 0; i < DIAG_MAX + 5; i++)
		diag_add(&list, DIAG_ERROR, i, 0, "R", "n%d", i);
	assert_int_equal(list.count, DIAG_MAX);
	assert_int_equal(list.dropped, 6);
	assert_int_equal(list.worst, DIAG_ERROR);
	diag_clear(&list);
	assert_int_equal(list.count, 0);
}

static void
test_removing_a_rule_keeps_the_rest_and_their_level(void **state)
{
	struct diag_list	 list;

	(void)state;
	memset(&list, 0, sizeof(list));
	diag_add(&list, DIAG_WARNING, 1, 0, "A", "a1");
	diag_add(&list, DIAG_ERROR, 2, 0, "B", "b");
	diag_add(&list, DIAG_WARNING, 3, 0, "A", "a2");
	diag_add(&list, DIAG_WARNING, 4, 0, "C", "c");
	diag_remove_rule(&list, "B");
	assert_int_equal(list.count, 3);
	assert_int_equal(list.worst, DIAG_WARNING);
	diag_remove_rule(&list, "A");
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0].message, "c");
	assert_int_equal(list.worst, DIAG_WARNING);
	diag_remove_rule(&list, "C");
	assert_int_equal(list.count, 0);
	assert_int_equal(list.worst, 0);
	/* What was dropped unseen may have been an error. */
	for (int i = 0; i < DIAG_MAX + 1; i++)
		diag_add(&list, DIAG_WARNING, i, 0, "A", "n%d", i);
	diag_remove_rule(&list, "A");
	assert_int_equal(list.count, 0);
	assert_int_equal(list.worst, DIAG_ERROR);
	diag_clear(&list);
}

/* The escape of the string literal s, NULs and all, must be want. */
#define ESCAPES_TO(s, want) escapes_to((s), sizeof(s) - 1, (want))

/* The escape of the len bytes at s must be want. */
static void
escapes_to(const char *s, size_t len, const char *want)
{
	char	*got = msg_escape(s, len);

	assert_string_equal(got, want);
	free(got);
}

static void
test_messages_escape_what_could_speak_to_a_terminal(void **state)
{
	(void)state;
	/* Controls, DEL, a NUL: byte by byte. */
	ESCAPES_TO("X\033[2J\nhleg-verify: forged",
	    "X\\033[2J\\012hleg-verify: forged");
	ESCAPES_TO("a\tb\rc\177d", "a\\011b\\015c\\177d");
	ESCAPES_TO("nul\0in", "nul\\000in");
	/* C1 controls, separators, bidirectional overrides and marks. */
	ESCAPES_TO("\xc2\x9b" "1m", "\\302\\2331m");
	ESCAPES_TO("a\xe2\x80\xa8" "b\xe2\x80\xae" "c\xe2\x81\xa6" "d",
	    "a\\342\\200\\250b\\342\\200\\256c\\342\\201\\246d");
	/* Bytes that are not UTF-8: an overlong '/', a stray byte. */
	ESCAPES_TO("\xc0\xaf" "x\xff", "\\300\\257x\\377");
	/* Text passes as it is: accents, a no-break space, a backslash
	 * (so that escaping twice changes nothing). */
	ESCAPES_TO("M\xc3\xbcller\xc2\xa0\\n", "M\xc3\xbcller\xc2\xa0\\n");
	ESCAPES_TO("", "");
}

static void
test_a_failed_write_is_reported_at_close(void **state)
{
	FILE	*fp;

	(void)state;
	if ((fp = fopen("/dev/full", "w")) == NULL)
		skip();
	fputs("lost", fp);
	assert_int_equal(fshut(fp, "/dev/full"), -1);
	assert_non_null(fp = fopen("/dev/null", "w"));
	fputs("kept", fp);
	assert_int_equal(fshut(fp, "/dev/null"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths_inside_the_data_directory_only),
		cmocka_unit_test(test_the_loader_refuses_and_says_so),
		cmocka_unit_test(test_columns_point_at_the_start_tag),
		cmocka_unit_test(test_reading_stops_past_the_bound),
		cmocka_unit_test(test_only_a_collection_may_pass_the_input_limit),
		cmocka_unit_test(test_diagnostics_are_one_line_and_bounded),
		cmocka_unit_test(
		    test_removing_a_rule_keeps_the_rest_and_their_level),
		cmocka_unit_test(test_a_failed_write_is_reported_at_close),
		cmocka_unit_test(
		    test_messages_escape_what_could_speak_to_a_terminal),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

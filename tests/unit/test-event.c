/*
 * test-event.c - unit tests of the state machine (event.c, workflow.c),
 * the trailers (trailers.c), the dates (gitdate.c) and the id grammars
 * (ids.c), with cmocka.  Run from the top of the source tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <git2.h>
#include <libxml/parser.h>

#include "../../src/lib/content.h"
#include "../../src/lib/event.h"
#include "../../src/lib/gitdate.h"
#include "../../src/lib/ids.h"
#include "../../src/lib/roster.h"
#include "../../src/lib/trailers.h"
#include "../../src/lib/workflow.h"

#define DOC "fixtures/dossier/documents/HLEG-P-2008-003.xml" /* ITU-T, ITU-D; m16, m20 */

struct world {
	struct workflow	*workflow;
	struct roster	*roster;
	xmlDocPtr	 doc;
	char		 version[CONTENT_VERSION_SIZE];
};

static int
setup(void **state)
{
	struct world	*w = calloc(1, sizeof(*w));
	xmlDocPtr	 def;
	char		*why;

	def = xmlReadFile("templates/workflow.xml", NULL, XML_PARSE_NONET);
	w->workflow = workflow_read(def, &why);
	xmlFreeDoc(def);
	w->roster = roster_new(xmlReadFile("fixtures/dossier/roster.xml", NULL,
	    XML_PARSE_NONET));
	w->doc = xmlReadFile(DOC, NULL, XML_PARSE_NONET);
	if (w->workflow == NULL || w->doc == NULL ||
	    content_version(w->doc, w->version) != 0)
		return -1;
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world	*w = *state;

	workflow_free(w->workflow);
	roster_free(w->roster);
	xmlFreeDoc(w->doc);
	free(w);
	return 0;
}

/* Fires event as actor on the world's document; returns the refusal's
 * rule, or NULL when the step was applied. */
static const char *
fire(struct world *w, const char *event, const char *actor,
    const char *sector, const char *outcome, const char *note)
{
	static char		 rule[16];
	struct event_request	 q = { event, actor, sector, outcome, note,
				    "2008-05-01" };
	struct step		 step;
	struct refusal		 ref;

	if (event_check(w->workflow, w->roster, w->doc, w->version, &q,
	    &step, &ref) != 0) {
		snprintf(rule, sizeof(rule), "%s", ref.rule);
		refusal_clear(&ref);
		return rule;
	}
	assert_int_equal(event_apply(w->doc, &step), 0);
	step_clear(&step);
	return NULL;
}

static char *
state_of(struct world *w)
{
	static char	 s[32];
	char		*st = event_state(w->doc);

	snprintf(s, sizeof(s), "%s", st ? st : "");
	free(st);
	return s;
}

static void
test_the_hleg_workflow(void **state)
{
	struct world	*w = *state;

	assert_string_equal(fire(w, "submit", "m01", NULL, NULL, NULL),
	    "HLEG-W006");
	assert_null(fire(w, "endorse", "m12", NULL, NULL, NULL));
	assert_string_equal(fire(w, "endorse", "m12", NULL, NULL, NULL),
	    "HLEG-W013");
	assert_string_equal(fire(w, "endorse", "m16", NULL, NULL, NULL),
	    "HLEG-W005");
	assert_string_equal(fire(w, "submit", "m01", NULL, NULL, NULL),
	    "HLEG-W006");
	assert_null(fire(w, "endorse", "m30", NULL, NULL, NULL));
	assert_string_equal(fire(w, "submit", "m12", NULL, NULL, NULL),
	    "HLEG-W004");
	assert_null(fire(w, "submit", "m02", NULL, NULL, NULL));
	assert_string_equal(state_of(w), "submitted");
	assert_string_equal(fire(w, "endorse", "m40", NULL, NULL, NULL),
	    "HLEG-W002");
	assert_string_equal(fire(w, "return", "s01", NULL, NULL, NULL),
	    "HLEG-W007");
	assert_string_equal(fire(w, "consider", "s03", "ITU-R", "refine",
	    NULL), "HLEG-W008");
	assert_string_equal(fire(w, "consider", "s04", "ITU-T", "refine",
	    NULL), "HLEG-W012");
	assert_string_equal(fire(w, "consider", "s03", "ITU-T", NULL, NULL),
	    "HLEG-W010");
	assert_null(fire(w, "consider", "s03", "ITU-T", "refine", NULL));
	/* One Sector of two: still submitted. */
	assert_string_equal(state_of(w), "submitted");
	assert_string_equal(fire(w, "consider", "s03", "ITU-T", "validate",
	    NULL), "HLEG-W009");
	assert_null(fire(w, "consider", "s04", "ITU-D", "implement", NULL));
	assert_string_equal(state_of(w), "considered");
	assert_string_equal(fire(w, "withdraw", "m01", NULL, NULL, NULL),
	    "HLEG-W002");
}

static void
test_refusals_before_any_state(void **state)
{
	struct world	*w = *state;

	assert_string_equal(fire(w, "approve", "m01", NULL, NULL, NULL),
	    "HLEG-W001");
	assert_string_equal(fire(w, "endorse", "m99", NULL, NULL, NULL),
	    "HLEG-W003");
	assert_string_equal(fire(w, "endorse", "m12", "ITU-T", NULL, NULL),
	    "HLEG-W008");
	assert_string_equal(fire(w, "endorse", "m12", NULL, "refine", NULL),
	    "HLEG-W010");
	assert_string_equal(fire(w, "endorse", "m12", NULL, NULL,
	    "ok\n\nHLEG-Event: submit"), "HLEG-W015");
	assert_null(fire(w, "endorse", "m12", NULL, NULL,
	    "tab\tand newline\nare fine"));
	assert_string_equal(fire(w, "endorse", "m30", NULL, NULL, "bell\a"),
	    "HLEG-W015");
}

static void
test_a_content_change_voids_endorsements(void **state)
{
	struct world	*w = *state;
	char		 before[CONTENT_VERSION_SIZE];
	xmlNodePtr	 title;

	memcpy(before, w->version, sizeof(before));
	assert_null(fire(w, "endorse", "m12", NULL, NULL, NULL));
	/* Recording a step does not change the content version. */
	assert_int_equal(content_version(w->doc, w->version), 0);
	assert_string_equal(before, w->version);
	assert_null(fire(w, "endorse", "m30", NULL, NULL, NULL));
	title = xmlDocGetRootElement(w->doc)->children;
	while (title->type != XML_ELEMENT_NODE)
		title = title->next;
	xmlNodeSetContent(title, (const xmlChar *)"A new title");
	assert_int_equal(content_version(w->doc, w->version), 0);
	assert_string_not_equal(before, w->version);
	assert_string_equal(fire(w, "submit", "m01", NULL, NULL, NULL),
	    "HLEG-W006");
}

static void
test_trailers_round_trip(void **state)
{
	struct step		 s = { "return", "s01", "submitted", "draft",
				    NULL, NULL, NULL,
				    "Annex B is missing.\n\nHLEG-Actor: m01",
				    "2008-04-04" };
	struct event_record	 r;
	char			*m;

	(void)state;
	m = trailers_message("HLEG-P-2008-003", "  A\ttitle\n on  two lines ",
	    &s);
	assert_non_null(strstr(m, "return HLEG-P-2008-003: A title on two "
	    "lines\n\n    Annex B is missing.\n\n    HLEG-Actor: m01\n\n"));
	assert_int_equal(trailers_read(m, &r), 1);
	assert_string_equal(r.document, "HLEG-P-2008-003");
	assert_string_equal(r.event, "return");
	assert_string_equal(r.from, "submitted");
	assert_string_equal(r.to, "draft");
	assert_string_equal(r.actor, "s01");
	assert_null(r.sector);
	event_record_clear(&r);
	free(m);

	assert_int_equal(trailers_read("Draft\n\nSigned-off-by: x\n", &r), 0);
	event_record_clear(&r);
	assert_int_equal(trailers_read("x\n\nHLEG-Event: submit\n", &r), -1);
	event_record_clear(&r);
	assert_int_equal(trailers_read("x\n\nHLEG-Document: ../x\n"
	    "HLEG-Event: submit\nHLEG-State: draft -> submitted\n"
	    "HLEG-Actor: m01\n", &r), -1);
	event_record_clear(&r);
	assert_int_equal(trailers_read("x\n\nHLEG-Document: HLEG-P-2008-003\n"
	    "HLEG-Event: submit\nHLEG-Event: return\n"
	    "HLEG-State: draft -> submitted\nHLEG-Actor: m01\n", &r), -1);
	event_record_clear(&r);
	assert_int_equal(trailers_read("x\n\nHLEG-Document: HLEG-P-2008-003\n"
	    "HLEG-Event: submit\nHLEG-State: draft to submitted\n"
	    "HLEG-Actor: m01\n", &r), -1);
	event_record_clear(&r);
}

static void
test_dates_as_git_reads_them(void **state)
{
	struct gitdate	 d;
	char		 day[11];

	(void)state;
	assert_int_equal(gitdate_parse("@1207821600 +0200", &d), 0);
	assert_int_equal(d.seconds, 1207821600);
	assert_int_equal(d.offset, 120);
	assert_int_equal(gitdate_parse("2008-04-10T10:00:00+02:00", &d), 0);
	assert_int_equal(d.seconds, 1207814400);
	assert_int_equal(gitdate_parse("2008-04-10 10:00:00 +0200", &d), 0);
	assert_int_equal(d.seconds, 1207814400);
	assert_int_equal(gitdate_parse("Thu, 10 Apr 2008 10:00:00 +0200", &d),
	    0);
	assert_int_equal(d.seconds, 1207814400);
	assert_int_equal(gitdate_parse("2008-04-10", &d), 0);
	assert_int_equal(d.offset, 0);
	/* Late evening west of Greenwich is still that day there. */
	assert_int_equal(gitdate_parse("2008-04-10T23:30:00-05:00", &d), 0);
	gitdate_day(&d, day);
	assert_string_equal(day, "2008-04-10");
	assert_int_equal(gitdate_parse("2008-02-30T10:00:00Z", &d), -1);
	assert_int_equal(gitdate_parse("next tuesday", &d), -1);
	assert_int_equal(gitdate_parse("2008-04-10T10:00:00+99:00", &d), -1);
	assert_int_equal(gitdate_parse("", &d), -1);
	/* What fuzzing found: a sign where digits belong, and an epoch
	 * past any four-digit year, which overflowed gitdate_day(). */
	assert_int_equal(gitdate_parse("2008-04-10 -1:00", &d), -1);
	assert_int_equal(gitdate_parse("2008-04-10T10:00:00+-1:00", &d), -1);
	assert_int_equal(gitdate_parse("2008- 4-10", &d), -1);
	assert_int_equal(gitdate_parse("Thu, +1 Apr 2008 10:00:00 +0200", &d),
	    -1);
	assert_int_equal(gitdate_parse("@99999999999999999999 +0100", &d), -1);
	assert_int_equal(gitdate_parse("@253402300800 +0000", &d), -1);
	assert_int_equal(gitdate_parse("@253402300799 +1400", &d), -1);
	assert_int_equal(gitdate_parse("@253402300799 -1400", &d), 0);
	gitdate_day(&d, day);
	assert_string_equal(day, "9999-12-31");
	assert_int_equal(gitdate_parse("1 Apr 2008 10:00 +0200", &d), 0);
}

/* A commit may carry any time: a day is told only in the years 0001 to
 * 9999, never modulo 10000. */
static void
test_days_only_of_four_digit_years(void **state)
{
	struct gitdate	 d = { 316777341600LL, 0 };	/* 12008-04-10 */
	char		 day[11];

	(void)state;
	assert_false(gitdate_in_range(&d));
	gitdate_day(&d, day);
	assert_string_equal(day, "0000-00-00");
	d.seconds = 253402300799LL;		/* 9999-12-31T23:59:59Z */
	assert_true(gitdate_in_range(&d));
	d.offset = 60;				/* 10000-01-01 there */
	assert_false(gitdate_in_range(&d));
	d.seconds = -62135596800LL;		/* 0001-01-01T00:00:00Z */
	d.offset = 0;
	assert_true(gitdate_in_range(&d));
	gitdate_day(&d, day);
	assert_string_equal(day, "0001-01-01");
	d.offset = -60;				/* 0000-12-31 there */
	assert_false(gitdate_in_range(&d));
	d.seconds = -9223372036854775807LL;
	assert_false(gitdate_in_range(&d));
	d.seconds = 9223372036854775807LL;
	d.offset = 0;
	assert_false(gitdate_in_range(&d));
}

static void
test_grammars(void **state)
{
	(void)state;
	assert_true(id_document_valid("HLEG-P-2008-004"));
	assert_false(id_document_valid("../HLEG"));
	assert_false(id_document_valid("HL"));
	assert_false(id_document_valid("-HLEG"));
	assert_false(id_document_valid("hleg-p"));
	assert_false(id_document_valid(""));
	assert_true(id_person_valid("m01"));
	assert_false(id_person_valid("M01"));
	assert_false(id_person_valid("m 1"));
	assert_true(id_sector_valid("ITU-D"));
	assert_false(id_sector_valid("ITU-X"));
	assert_true(id_signature_text_valid("Aïssatou Ndiaye"));
	assert_false(id_signature_text_valid("Ricardo\nSantos"));
	assert_false(id_signature_text_valid("a <b@c>"));
	assert_false(id_signature_text_valid("   "));
	assert_false(id_signature_text_valid("\xff\xfe"));
	assert_true(id_note_valid("two\nlines\tand a tab", 100));
	assert_false(id_note_valid("bell\a", 100));
	assert_false(id_note_valid("too long", 3));
	/* Strict UTF-8: no overlong form, surrogate or non-character. */
	assert_false(id_note_valid("overlong \xc0\xa0 space", 100));
	assert_false(id_note_valid("\xe0\x80\xaf", 100));
	assert_false(id_note_valid("surrogate \xed\xa0\x80", 100));
	assert_false(id_note_valid("non-character \xef\xbf\xbe", 100));
	assert_false(id_note_valid("stray \xac\x98", 100));
	assert_false(id_signature_text_valid("Ren\xc3\xa9\xc0\xae"));
	assert_true(id_note_valid("\xf0\x9f\x93\x9c scroll", 100));
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_hleg_workflow, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refusals_before_any_state,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_content_change_voids_endorsements, setup, teardown),
		cmocka_unit_test(test_trailers_round_trip),
		cmocka_unit_test(test_dates_as_git_reads_them),
		cmocka_unit_test(test_days_only_of_four_digit_years),
		cmocka_unit_test(test_grammars),
	};

	int	 failed;

	git_libgit2_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return failed;
}

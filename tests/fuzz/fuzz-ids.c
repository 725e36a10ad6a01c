/*
 * fuzz-ids.c - libFuzzer target: the grammars of ids.h and the dates of
 * gitdate.h on any bytes.
 *
 * Each checker of ids.h must accept exactly what its grammar says, here
 * written again independently: a document id is [A-Z][A-Z0-9-]{2,63}
 * (so never a '/', '.', space or control character); a person id or a
 * state or event name [a-z][a-z0-9-]{0,31}; a Sector, outcome or work
 * area one of its vocabulary; signature text 1 to 200 bytes of UTF-8
 * without control characters or angle brackets, not only spaces; a note
 * at most max bytes of UTF-8 without control characters but newline and
 * tab.  UTF-8 is RFC 3629's (no overlong form, no surrogate) of
 * characters XML allows: the text goes into commits and documents.
 * Each checker refuses NULL.
 *
 * When gitdate_parse() accepts, the zone must be within what zone()
 * reads (+-14:59), the local time must fall in the years 0 to 9999,
 * and gitdate_day() must give its real day, "YYYY-MM-DD", the one
 * gmtime() gives.  An ISO date with a plain time and zone, or none, must
 * be the instant timegm() makes of it, and its day the date written.
 *
 * Regression inputs: fixtures/fuzz/fuzz-ids/ (bytes xmlCheckUTF8()
 * took for UTF-8; epoch seconds that overflowed gitdate_day(); years
 * before 0; "2008-04-10 -1:00" and "2008-04-10 -1000", which sscanf's
 * %2d read as 2008-04-09; "@253402300799 +1400", known, see
 * check_date()).
 *
 * Build and run with "make fuzz".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlstring.h>

#include "../../src/lib/gitdate.h"
#include "../../src/lib/ids.h"
#include "fuzz.h"

/* The largest zone zone() reads: +14:59. */
#define MAX_OFFSET (14 * 60 + 59)

static const char *const sectors[] = { "ITU-R", "ITU-T", "ITU-D", NULL };
static const char *const outcomes[] = { "refine", "validate", "implement",
    "no-action", NULL };
static const char *const areas[] = { "legal-measures",
    "technical-procedural-measures", "organizational-structures",
    "capacity-building", "international-cooperation", NULL };

static int
one_of(const char *s, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return 0;
}

/* s is first then rest, min to max characters in all. */
static int
matches(const char *s, const char *first, const char *rest, size_t min,
    size_t max)
{
	size_t	 n = strlen(s);

	return n >= min && n <= max && s[0] != '\0' &&
	    strchr(first, s[0]) != NULL && strspn(s + 1, rest) == n - 1;
}

#define UPPER	"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER	"abcdefghijklmnopqrstuvwxyz"
#define DIGIT	"0123456789"

static void
check_ids(const char *s)
{
	int	 controls = 0, spaces = 1, angles = 0, others = 0;
	size_t	 n = strlen(s);

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		controls |= *p < 0x20 || *p == 0x7f;
		others |= (*p < 0x20 && *p != '\n' && *p != '\t') ||
		    *p == 0x7f;
		angles |= *p == '<' || *p == '>';
		spaces &= *p == ' ';
	}
	CHECK(id_document_valid(s) ==
	    matches(s, UPPER, UPPER DIGIT "-", 3, 64));
	if (id_document_valid(s))
		CHECK(strpbrk(s, "/. ") == NULL && !controls);
	CHECK(id_person_valid(s) == matches(s, LOWER, LOWER DIGIT "-", 1, 32));
	CHECK(id_name_valid(s) == matches(s, LOWER, LOWER DIGIT "-", 1, 32));
	CHECK(id_sector_valid(s) == one_of(s, sectors));
	CHECK(id_outcome_valid(s) == one_of(s, outcomes));
	CHECK(id_work_area_valid(s) == one_of(s, areas));

	CHECK(id_signature_text_valid(s) == (n >= 1 && n <= 200 &&
	    fuzz_xml_text(s) && !controls && !angles && !spaces));
	CHECK(id_note_valid(s, n) == (fuzz_xml_text(s) && !others));
	CHECK(id_note_valid(s, SIZE_MAX) == id_note_valid(s, n));
	if (n > 0)
		CHECK(!id_note_valid(s, n - 1));
}

static int
leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Whether day is a real "YYYY-MM-DD". */
static int
real_day(const char *day)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d;

	if (strlen(day) != 10 || strspn(day, DIGIT) != 4 || day[4] != '-' ||
	    strspn(day + 5, DIGIT) != 2 || day[7] != '-' ||
	    strspn(day + 8, DIGIT) != 2)
		return 0;
	y = atoi(day);
	m = atoi(day + 5);
	d = atoi(day + 8);
	return m >= 1 && m <= 12 && d >= 1 &&
	    d <= days[m - 1] + (m == 2 && leap(y));
}

/* Whether c is a digit (not the NUL that strchr(DIGIT, c) finds). */
static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The number of the two digits at s. */
static int
atoi2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Reads a zone, or nothing, as all that is left of s: " +02:00", "Z",
 * "-0930", "+14".  Returns 1 with its minutes east of UTC in *minutes,
 * or 0. */
static int
zone_only(const char *s, int *minutes)
{
	int	 sign = 1, h = 0, m = 0;

	s += strspn(s, " ");
	if (*s == 'Z')
		s++;
	else if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		if (!digit(s[1]) || !digit(s[2]))
			return 0;
		h = atoi2(s + 1);
		s += 3;
		if (*s == ':')
			s++;
		if (digit(s[0]) && digit(s[1])) {
			m = atoi2(s);
			s += 2;
		}
	}
	if (s[strspn(s, " ")] != '\0')
		return 0;
	*minutes = sign * (h * 60 + m);
	return 1;
}

/* Whether s begins with an ISO date "YYYY-MM-DD", copied into day. */
static int
iso_date(const char *s, char day[11])
{
	s += strspn(s, " ");
	if (strspn(s, DIGIT) != 4 || s[4] != '-' ||
	    strspn(s + 5, DIGIT) != 2 || s[7] != '-' ||
	    strspn(s + 8, DIGIT) != 2)
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	return 1;
}

/* Whether s is an ISO date, then a plain time or nothing, then a zone
 * or nothing ("2008-04-10T10:00", "2008-04-10 10:00:59 +02:00",
 * "2008-04-10Z"), of a year 0 to 9999.  *local gets its local time in
 * seconds since the epoch, *zone its zone in minutes east. */
static int
iso_plain(const char *s, long long *local, int *zone)
{
	struct tm	 tm;
	char		 day[11];
	int		 h = 0, mi = 0, se = 0;

	if (!iso_date(s, day))
		return 0;
	s += strspn(s, " ") + 10;
	if (!zone_only(s, zone)) {
		if (*s != 'T' && *s != ' ')
			return 0;
		s++;
		if (!digit(s[0]) || !digit(s[1]) || s[2] != ':' ||
		    !digit(s[3]) || !digit(s[4]))
			return 0;
		h = atoi2(s);
		mi = atoi2(s + 3);
		s += 5;
		if (*s == ':') {
			if (!digit(s[1]) || !digit(s[2]))
				return 0;
			se = atoi2(s + 1);
			s += 3;
		}
		if (h > 23 || mi > 59 || se > 59 || !zone_only(s, zone))
			return 0;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi2(day + 5) - 1;
	tm.tm_mday = atoi2(day + 8);
	*local = (long long)timegm(&tm) + h * 3600 + mi * 60 + se;
	return 1;
}

static void
check_date(const char *s)
{
	struct gitdate	 d;
	struct tm	 tm;
	char		 day[11], want[11];
	long long	 t, local;
	time_t		 tt;
	int		 zone;

	memset(&d, 0, sizeof(d));
	if (gitdate_parse(s, &d) != 0) {
		CHECK(gitdate_parse(s, &d) == -1);
		return;
	}
	CHECK(strlen(s) <= 64);
	CHECK(d.offset >= -MAX_OFFSET && d.offset <= MAX_OFFSET);
	memset(day, 'x', sizeof(day));
	gitdate_day(&d, day);
	CHECK(memchr(day, '\0', sizeof(day)) != NULL);
	CHECK(strlen(day) == 10 && strspn(day, DIGIT) == 4 && day[4] == '-' &&
	    strspn(day + 5, DIGIT) == 2 && day[7] == '-' &&
	    strspn(day + 8, DIGIT) == 2);

	/* The years are 0 to 9999, the day the one gmtime() gives. */
	t = d.seconds + d.offset * 60LL;
	CHECK(t >= -62167219200LL && t <= 253402300799LL);
	CHECK(real_day(day));
	tt = (time_t)t;
	CHECK(gmtime_r(&tt, &tm) != NULL);
	snprintf(want, sizeof(want), "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	CHECK(strcmp(day, want) == 0);

	/* A plain ISO date is the instant and the day it writes. */
	if (iso_plain(s, &local, &zone)) {
		CHECK(d.offset == zone);
		CHECK(d.seconds == local - zone * 60LL);
		CHECK(iso_date(s, want) && strcmp(day, want) == 0);
	}
	/* Any ISO date is the day it writes but for a leap second, unless
	 * it is the text before the comma of an RFC 2822 date. */
	if (iso_date(s, want) && strchr(s, ',') == NULL &&
	    strstr(s, ":60") == NULL)
		CHECK(strcmp(day, want) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = fuzz_string(data, size);

	CHECK(!id_document_valid(NULL) && !id_person_valid(NULL) &&
	    !id_name_valid(NULL) && !id_sector_valid(NULL) &&
	    !id_outcome_valid(NULL) && !id_work_area_valid(NULL) &&
	    !id_signature_text_valid(NULL) && !id_note_valid(NULL, 10));
	check_ids(s);
	check_date(s);
	/* Each line alone too, so that one input tries several. */
	for (char *line = s, *nl; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (nl == NULL && line == s)
			break;
		check_ids(line);
		check_date(line);
	}
	free(s);
	return 0;
}

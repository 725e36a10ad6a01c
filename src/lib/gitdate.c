/*
 * gitdate.c - parse the dates git accepts in its environment.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gitdate.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, int m, int d)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
valid_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m >= 1 && m <= 12 && d >= 1 &&
	    d <= days[m - 1] + (m == 2 && leap);
}

/* The latest moment accepted: 9999-12-31T23:59:59Z, as far as a
 * four-digit year goes; nothing later can overflow gitdate_day(). */
#define LATEST 253402300799LL

/* Reads exactly n ASCII digits at s (no sign, no space, unlike
 * sscanf's %d) into *out.  Returns 0, or -1. */
static int
digits(const char *s, int n, int *out)
{
	int	 v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Parses a zone "Z", "+HH", "+HHMM", "+HH:MM" at *p into minutes. */
static int
zone(const char **p, int *minutes)
{
	const char	*s = *p;
	int		 sign, h, m = 0;

	while (*s == ' ')
		s++;
	if (*s == 'Z') {
		*minutes = 0;
		*p = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(s, 2, &h) != 0)
		return -1;
	s += 2;
	if (*s == ':')
		s++;
	if (isdigit((unsigned char)*s)) {
		if (digits(s, 2, &m) != 0)
			return -1;
		s += 2;
	}
	if (h > 14 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	*p = s;
	return 0;
}

static int
at_end(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

static int
epoch_form(const char *s, struct gitdate *d)
{
	char		*end;
	long long	 t;

	if (*s == '@')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	t = strtoll(s, &end, 10);
	if (*end != ' ' || errno != 0 || t > LATEST)
		return -1;
	s = end;
	if (zone(&s, &d->offset) != 0 || !at_end(s) ||
	    t + d->offset * 60LL > LATEST)
		return -1;
	d->seconds = t;
	return 0;
}

static int
iso_form(const char *s, struct gitdate *d)
{
	int	 y, mo, da, h = 0, mi = 0, se = 0;

	if (digits(s, 4, &y) != 0 || s[4] != '-' ||
	    digits(s + 5, 2, &mo) != 0 || s[7] != '-' ||
	    digits(s + 8, 2, &da) != 0)
		return -1;
	s += 10;
	if ((*s == 'T' || *s == ' ') && digits(s + 1, 2, &h) == 0 &&
	    s[3] == ':' && digits(s + 4, 2, &mi) == 0) {
		s += 6;
		if (*s == ':' && digits(s + 1, 2, &se) == 0)
			s += 3;
	}
	d->offset = 0;
	if (!at_end(s) && zone(&s, &d->offset) != 0)
		return -1;
	if (!at_end(s) || !valid_day(y, mo, da) || h > 23 || mi > 59 ||
	    se > 60)
		return -1;
	d->seconds = days_from_civil(y, mo, da) * 86400 + h * 3600 +
	    mi * 60 + se - d->offset * 60;
	return 0;
}

static int
rfc2822_form(const char *s, struct gitdate *d)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int	 y, mo = -1, da, h, mi, se = 0;
	const char *comma;

	/* [Day, ]D[D] Mon YYYY HH:MM[:SS] ZONE */
	if ((comma = strchr(s, ',')) != NULL)
		s = comma + 1;
	while (*s == ' ')
		s++;
	if (digits(s, 2, &da) == 0)
		s += 2;
	else if (digits(s, 1, &da) == 0)
		s += 1;
	else
		return -1;
	if (*s++ != ' ')
		return -1;
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			mo = i + 1;
	if (mo < 0 || s[3] != ' ' || digits(s + 4, 4, &y) != 0 ||
	    s[8] != ' ' || digits(s + 9, 2, &h) != 0 || s[11] != ':' ||
	    digits(s + 12, 2, &mi) != 0)
		return -1;
	s += 14;
	if (*s == ':' && digits(s + 1, 2, &se) == 0)
		s += 3;
	if (zone(&s, &d->offset) != 0 || !at_end(s) ||
	    !valid_day(y, mo, da) || h > 23 || mi > 59 || se > 60)
		return -1;
	d->seconds = days_from_civil(y, mo, da) * 86400 + h * 3600 +
	    mi * 60 + se - d->offset * 60;
	return 0;
}

int
gitdate_parse(const char *s, struct gitdate *d)
{
	if (s == NULL || strlen(s) > 64)
		return -1;
	while (*s == ' ')
		s++;
	if (epoch_form(s, d) == 0 || iso_form(s, d) == 0 ||
	    rfc2822_form(s, d) == 0)
		return 0;
	return -1;
}

int
gitdate_from_env(const char *name, struct gitdate *d)
{
	const char	*s;
	struct tm	 tm;
	time_t		 now;

	if ((s = getenv(name)) != NULL && *s != '\0')
		return gitdate_parse(s, d);
	now = time(NULL);
	localtime_r(&now, &tm);
	d->seconds = now;
	d->offset = (int)(tm.tm_gmtoff / 60);
	return 0;
}

/* The earliest moment a four-digit year writes: 0001-01-01T00:00:00. */
#define EARLIEST (-62135596800LL)

int
gitdate_in_range(const struct gitdate *d)
{
	long long	 local;

	if (d->seconds < EARLIEST - 86400 || d->seconds > LATEST + 86400)
		return 0;
	local = d->seconds + d->offset * 60LL;
	return local >= EARLIEST && local <= LATEST;
}

void
gitdate_day(const struct gitdate *d, char out[11])
{
	long long	 z, era, doe, yoe, y, doy, mp, day, month;

	/* Never a year written modulo 10000: a day no schema accepts. */
	if (!gitdate_in_range(d)) {
		memcpy(out, "0000-00-00", 11);
		return;
	}

	/* civil_from_days, for the local day of the event. */
	z = (d->seconds + d->offset * 60LL);
	z = (z >= 0 ? z : z - 86399) / 86400 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	day = doy - (153 * mp + 2) / 5 + 1;
	month = mp + (mp < 10 ? 3 : -9);
	y += month <= 2;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000) % 10000u,
	    (unsigned)month % 100u, (unsigned)day % 100u);
}

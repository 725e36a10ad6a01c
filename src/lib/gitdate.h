/*
 * gitdate.h - the dates of events: the clock, or GIT_AUTHOR_DATE and
 * GIT_COMMITTER_DATE in the forms git accepts, so that a history can be
 * replayed.
 */
#ifndef HLEG_GITDATE_H
#define HLEG_GITDATE_H

#include <time.h>

struct gitdate {
	long long	 seconds;	/* since the epoch, UTC */
	int		 offset;	/* minutes east of UTC */
};

/* Parses s as git does for GIT_*_DATE: "@1207821600 +0200" or
 * "1207821600 +0200" (git's internal form), ISO 8601
 * "2008-04-10T10:00:00+02:00", "2008-04-10 10:00:00 +0200" (seconds and
 * zone optional; no zone is UTC), or RFC 2822 "Thu, 10 Apr 2008 10:00:00
 * +0200".  Returns 0, or -1 when s is none of them. */
int	gitdate_parse(const char *s, struct gitdate *d);

/* The date of the environment variable name if set (-1 when it is set
 * but malformed), else of the clock. */
int	gitdate_from_env(const char *name, struct gitdate *d);

/* Whether the local time of d falls in the years 0001 to 9999, the
 * years a date of four digits can write. */
int	gitdate_in_range(const struct gitdate *d);

/* Writes the calendar date of d in its own zone, "YYYY-MM-DD", into
 * out[11]; "0000-00-00", which no schema accepts, when d is out of
 * range (gitdate_in_range). */
void	gitdate_day(const struct gitdate *d, char out[11]);

#endif

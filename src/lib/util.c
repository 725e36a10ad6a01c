/*
 * util.c - allocation wrappers, string building, checked stream close.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

#ifndef HLEG_VERSION
#define HLEG_VERSION "0.1"
#endif

extern const char *__progname;

static void
oom(void)
{
	/* No allocation here: the message must get out when memory has run
	 * out. */
	fputs(__progname, stderr);
	fputs(": out of memory\n", stderr);
	exit(HLEG_EXIT_SYSTEM);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if ((p = malloc(size ? size : 1)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void	*p;

	if ((p = calloc(count ? count : 1, size ? size : 1)) == NULL)
		oom();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void	*p;

	if ((p = realloc(ptr, size ? size : 1)) == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 again;
	char	*s;
	int	 n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		oom();
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	return s;
}

void
xappendf(char **s, const char *fmt, ...)
{
	va_list	 ap;
	char	*more;
	size_t	 old, len;

	va_start(ap, fmt);
	more = xvasprintf(fmt, ap);
	va_end(ap);
	if (*s == NULL) {
		*s = more;
		return;
	}
	old = strlen(*s);
	len = strlen(more);
	*s = xrealloc(*s, old + len + 1);
	memcpy(*s + old, more, len + 1);
	free(more);
}

long
jobs_arg(const char *arg)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno != 0 || *end != '\0' || end == arg || n < 0 || n > 256) {
		msg_warnx("-j %s: give a number of jobs from 0 to 256", arg);
		return -1;
	}
	return n;
}

int
fshut_done(FILE *fp, const char *name, const char *done)
{
	if (fshut(fp, name) == 0)
		return 0;
	if (done != NULL)
		msg_warnx("%s all the same; only its line on %s is lost", done,
		    name);
	return -1;
}

int
fshut(FILE *fp, const char *name)
{
	int	 bad;

	bad = fflush(fp) != 0;
	bad |= ferror(fp) != 0;
	if (fclose(fp) != 0)
		bad = 1;
	if (bad) {
		if (errno == 0)
			errno = EIO;
		msg_warn("%s", name);
		return -1;
	}
	return 0;
}

void
print_version(void)
{
	printf("%s (hleg) %s\n", __progname, HLEG_VERSION);
}

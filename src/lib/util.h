/*
 * util.h - allocation that never returns NULL, and the checked close of a
 * stream that every filter ends with.
 */
#ifndef HLEG_UTIL_H
#define HLEG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses shared by every program, as grep(1) and diff(1) use them. */
#define HLEG_EXIT_OK      0	/* success */
#define HLEG_EXIT_INVALID 1	/* the input is invalid or the event refused */
#define HLEG_EXIT_SYSTEM  2	/* usage or system error */

/* malloc, calloc, realloc and strdup that print "prog: out of memory" and
 * exit 2 instead of returning NULL. */
void	*xmalloc(size_t size);
void	*xcalloc(size_t count, size_t size);
void	*xrealloc(void *ptr, size_t size);
char	*xstrdup(const char *s);

/* vasprintf that exits as above when memory runs out. */
char	*xvasprintf(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));

/* Appends printf-formatted text to a malloc'd string (*s may be NULL). */
void	 xappendf(char **s, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Flushes and closes fp, whose name is used in the message.  Returns 0, or
 * prints "prog: name: strerror" and returns -1 when a write failed, so that a
 * full disk or a closed pipe makes the program exit non-zero. */
int	 fshut(FILE *fp, const char *name);

/* fshut() for a program whose work is done before its report is
 * written: when the close fails and done is not NULL, says that done
 * happened all the same ("the event is recorded"), so that the user
 * does not do it again. */
int	 fshut_done(FILE *fp, const char *name, const char *done);

/* The number a -j option gives: 0 (one per processor) to 256 jobs.
 * Returns -1, after a message, when arg is not such a number. */
long	 jobs_arg(const char *arg);

/* Prints the program's version line: "prog (hleg) VERSION". */
void	 print_version(void);

#endif

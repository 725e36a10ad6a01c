/*
 * diag.h - diagnostics in one shape, after mandoc:
 *
 *	prog: file:line:col: error: message [RULE-ID]
 *
 * Each checked document collects its diagnostics in a list; the program
 * prints the lists in input order and exits with the worst level seen.
 */
#ifndef HLEG_DIAG_H
#define HLEG_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level {
	DIAG_WARNING = 1,	/* reported; the document stays valid */
	DIAG_ERROR = 2		/* the document is invalid */
};

/* At most this many diagnostics are kept per document; one more says that
 * the rest were dropped, so hostile input cannot flood standard error. */
#define DIAG_MAX 100

struct diag {
	enum diag_level	 level;
	long		 line;		/* 0 when unknown */
	int		 column;	/* 0 when unknown */
	char		*message;
	char		*rule;		/* HLEG-R001 and the like */
};

struct diag_list {
	struct diag	*items;
	size_t		 count, alloc;
	size_t		 dropped;
	enum diag_level	 worst;		/* 0 when empty */
};

/* Appends a diagnostic; message is printf-formatted.  Trailing newlines
 * and white space of the message are removed. */
void	diag_add(struct diag_list *list, enum diag_level level, long line,
	    int column, const char *rule, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/* diag_add() with a va_list. */
void	diag_vadd(struct diag_list *list, enum diag_level level, long line,
	    int column, const char *rule, const char *fmt, va_list ap);

/* Prints every diagnostic of list for file to fp in the shape above. */
void	diag_print(FILE *fp, const char *file, const struct diag_list *list);

/* Removes every diagnostic of list that carries rule, and recomputes
 * the worst level from what is left (and from what was dropped, which
 * may have been anything). */
void	diag_remove_rule(struct diag_list *list, const char *rule);

/* Frees the items of list and empties it. */
void	diag_clear(struct diag_list *list);

#endif

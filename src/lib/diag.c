/*
 * diag.c - collect and print diagnostics.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "msg.h"
#include "util.h"

extern const char *__progname;

void
diag_add(struct diag_list *list, enum diag_level level, long line,
    int column, const char *rule, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(list, level, line, column, rule, fmt, ap);
	va_end(ap);
}

void
diag_vadd(struct diag_list *list, enum diag_level level, long line,
    int column, const char *rule, const char *fmt, va_list ap)
{
	struct diag	*d;
	char		*text, *msg;
	size_t		 len;

	if (level > list->worst)
		list->worst = level;
	if (list->count >= DIAG_MAX) {
		list->dropped++;
		return;
	}
	/* One line per diagnostic: libxml2's messages end in a newline and
	 * may hold others, and they quote the document, whose other
	 * controls are escaped. */
	text = xvasprintf(fmt, ap);
	for (char *p = text; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		text[--len] = '\0';
	msg = msg_escape(text, len);
	free(text);

	if (list->count == list->alloc) {
		list->alloc = list->alloc ? list->alloc * 2 : 8;
		list->items = xrealloc(list->items,
		    list->alloc * sizeof(*list->items));
	}
	d = &list->items[list->count++];
	d->level = level;
	d->line = line;
	d->column = column;
	d->message = msg;
	d->rule = xstrdup(rule);
}

void
diag_print(FILE *fp, const char *file, const struct diag_list *list)
{
	const struct diag	*d;
	char			*shown;

	shown = msg_escape(file, strlen(file));
	for (size_t i = 0; i < list->count; i++) {
		d = &list->items[i];
		fprintf(fp, "%s: %s:%ld:%d: %s: %s [%s]\n", __progname, shown,
		    d->line, d->column,
		    d->level == DIAG_ERROR ? "error" : "warning",
		    d->message, d->rule);
	}
	if (list->dropped > 0)
		fprintf(fp, "%s: %s:0:0: error: %zu further diagnostics "
		    "not shown [HLEG-P000]\n", __progname, shown,
		    list->dropped);
	free(shown);
}

void
diag_remove_rule(struct diag_list *list, const char *rule)
{
	size_t	 kept = 0;

	list->worst = list->dropped > 0 ? DIAG_ERROR : 0;
	for (size_t i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].rule, rule) == 0) {
			free(list->items[i].message);
			free(list->items[i].rule);
			continue;
		}
		if (list->items[i].level > list->worst)
			list->worst = list->items[i].level;
		list->items[kept++] = list->items[i];
	}
	list->count = kept;
}

void
diag_clear(struct diag_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].message);
		free(list->items[i].rule);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

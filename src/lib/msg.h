/*
 * msg.h - the programs' one-line messages on standard error, as err(3)
 * prints them ("prog: message" and, for the *warn and *err forms, ": "
 * and strerror(errno)), with whatever they quote made harmless.
 *
 * A message quotes what someone else wrote: arguments, file names, ids,
 * revisions, git's and libxml2's words.  Before it is printed, every
 * character that could end the line or speak to the terminal is written
 * as \ooo, byte by byte: C0 controls, DEL, C1 controls, the line and
 * paragraph separators, the bidirectional overrides and isolates, and
 * bytes that are not UTF-8.  So each message is one line of text, and
 * escaping twice changes nothing: text escaped before it is formatted
 * into a message (one holding a NUL, say) is shown once escaped.
 */
#ifndef HLEG_MSG_H
#define HLEG_MSG_H

#include <stdarg.h>
#include <stddef.h>

/* A malloc'd copy of the len bytes at s, escaped as above. */
char	*msg_escape(const char *s, size_t len);

/* Whether the code point c is one that msg_escape writes as \ooo: a C0
 * control, DEL, a C1 control, U+2028, U+2029, a bidirectional
 * embedding, override, isolate or mark.  The papers (visible.h) show
 * the same code points the same way. */
int	 msg_unsafe(long c);

void	 msg_warn(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	 msg_warnx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	 msg_vwarnx(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));
_Noreturn void msg_err(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
_Noreturn void msg_errx(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif

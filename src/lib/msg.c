/*
 * msg.c - one-line messages on standard error, escaped.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "utf8.h"
#include "util.h"

extern const char *__progname;

/* Whether the code point c must not reach a terminal as it is. */
int
msg_unsafe(long c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	    c == 0x2028 || c == 0x2029 ||		/* line, paragraph */
	    (c >= 0x202a && c <= 0x202e) ||		/* embeddings */
	    (c >= 0x2066 && c <= 0x2069) ||		/* isolates */
	    c == 0x200e || c == 0x200f || c == 0x061c;	/* marks */
}

char *
msg_escape(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len, *q;
	unsigned char		 buf[8];
	char			*out, *o;
	size_t			 n;
	long			 c;

	out = o = xmalloc(len * 4 + 1);
	while (p < end) {
		/* utf8_next reads up to four bytes and stops at a NUL: decode
		 * from a NUL-terminated copy, so that neither the end of s
		 * nor a NUL within it is passed. */
		n = (size_t)(end - p) < 4 ? (size_t)(end - p) : 4;
		memcpy(buf, p, n);
		memset(buf + n, 0, sizeof(buf) - n);
		q = buf;
		c = *p == '\0' ? 0 : utf8_next(&q);
		if (c < 0 || msg_unsafe(c)) {
			n = c < 0 || c == 0 ? 1 : (size_t)(q - buf);
			for (size_t i = 0; i < n; i++)
				o += sprintf(o, "\\%03o", p[i]);
			p += n;
		} else {
			n = (size_t)(q - buf);
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o = '\0';
	return out;
}

/* Prints "prog: " and fmt, escaped, then ": " and the text of errnum
 * when errnum is not 0. */
static void
say(int errnum, const char *fmt, va_list ap)
{
	char	*text = NULL, *shown = NULL;

	/* Formatted first, then written under the stream's lock, so that
	 * threads' messages do not mix. */
	if (fmt != NULL) {
		text = xvasprintf(fmt, ap);
		shown = msg_escape(text, strlen(text));
		free(text);
	}
	flockfile(stderr);
	fputs(__progname, stderr);
	if (shown != NULL) {
		fputs(": ", stderr);
		fputs(shown, stderr);
	}
	if (errnum != 0) {
		fputs(": ", stderr);
		fputs(strerror(errnum), stderr);
	}
	fputc('\n', stderr);
	funlockfile(stderr);
	free(shown);
}

void
msg_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 errnum = errno;

	va_start(ap, fmt);
	say(errnum, fmt, ap);
	va_end(ap);
}

void
msg_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	say(0, fmt, ap);
	va_end(ap);
}

void
msg_vwarnx(const char *fmt, va_list ap)
{
	say(0, fmt, ap);
}

void
msg_err(int status, const char *fmt, ...)
{
	va_list	 ap;
	int	 errnum = errno;

	va_start(ap, fmt);
	say(errnum, fmt, ap);
	va_end(ap);
	exit(status);
}

void
msg_errx(int status, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	say(0, fmt, ap);
	va_end(ap);
	exit(status);
}

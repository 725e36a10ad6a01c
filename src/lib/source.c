/*
 * source.c - bounded reading of documents, and columns for diagnostics.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "util.h"

enum source_status
source_read(struct source *src, const char *path, size_t max)
{
	size_t	 cap, len;
	ssize_t	 n;
	char	*buf;
	int	 fd, stdin_input;

	stdin_input = strcmp(path, "-") == 0;
	src->name = xstrdup(stdin_input ? "<stdin>" : path);
	src->data = NULL;
	src->len = 0;
	if (stdin_input)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return SOURCE_ERROR;

	cap = 64 * 1024;
	len = 0;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > max)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len > max)
			break;
	}
	if (n == -1) {
		int	 saved = errno;

		if (!stdin_input)
			close(fd);
		free(buf);
		errno = saved;
		return SOURCE_ERROR;
	}
	if (!stdin_input)
		close(fd);
	if (len > max) {
		free(buf);
		return SOURCE_TOO_LARGE;
	}
	buf[len] = '\0';
	src->data = buf;
	src->len = len;
	return SOURCE_OK;
}

void
source_from_memory(struct source *src, const char *name, const void *data,
    size_t len)
{
	src->name = xstrdup(name);
	src->data = xmalloc(len + 1);
	memcpy(src->data, data, len);
	src->data[len] = '\0';
	src->len = len;
}

void
source_too_large(struct source *src, const char *name, size_t len)
{
	src->name = xstrdup(name);
	src->data = NULL;
	src->len = len;
}

void
source_free(struct source *src)
{
	free(src->name);
	free(src->data);
	src->name = src->data = NULL;
	src->len = 0;
}

int
source_column(const struct source *src, long line, const char *qname)
{
	const char	*p, *end, *eol;
	size_t		 qlen;
	long		 l;

	if (src->data == NULL || line < 1 || qname == NULL)
		return 0;
	p = src->data;
	end = src->data + src->len;
	for (l = 1; l < line; l++) {
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		p++;
	}
	if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
		eol = end;
	qlen = strlen(qname);
	/* libxml2 gives the line on which the start tag ends: look for the
	 * last "<qname" on that line that is followed by a delimiter, and
	 * failing that, for the tag on the lines before it. */
	for (const char *q = eol; q > p; q--) {
		const char *t = q - 1;
		if (*t == '<' && (size_t)(eol - t) > qlen &&
		    memcmp(t + 1, qname, qlen) == 0 &&
		    strchr(" \t\r\n/>", t[1 + qlen]) != NULL)
			return (int)(t - p) + 1;
	}
	return 0;
}

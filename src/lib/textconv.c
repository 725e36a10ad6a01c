/*
 * textconv.c - a placeholder for a version that cannot be shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "source.h"
#include "textconv.h"
#include "util.h"

extern const char *__progname;

/* The most of the captured messages that the placeholder quotes. */
#define MAX_MESSAGES	(64 * 1024)
#define MAX_REASONS	20

struct textconv {
	FILE	*capture;	/* standard error meanwhile, or NULL */
	int	 saved;		/* the real standard error, or -1 */
};

struct textconv *
textconv_begin(void)
{
	struct textconv	*tc;

	tc = xmalloc(sizeof(*tc));
	tc->capture = NULL;
	tc->saved = -1;
	fflush(stderr);
	if ((tc->capture = tmpfile()) == NULL)
		return tc;
	if ((tc->saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(fileno(tc->capture), STDERR_FILENO) == -1) {
		if (tc->saved != -1)
			close(tc->saved);
		tc->saved = -1;
		fclose(tc->capture);
		tc->capture = NULL;
	}
	return tc;
}

/* The captured messages, at most MAX_MESSAGES bytes of them, as a
 * malloc'd string; standard error is restored. */
static char *
stop_capture(struct textconv *tc)
{
	char	*text;
	size_t	 n = 0;

	fflush(stderr);
	if (tc->capture == NULL)
		return xstrdup("");
	dup2(tc->saved, STDERR_FILENO);
	close(tc->saved);
	text = xmalloc(MAX_MESSAGES + 1);
	rewind(tc->capture);
	n = fread(text, 1, MAX_MESSAGES, tc->capture);
	text[n] = '\0';
	fclose(tc->capture);
	return text;
}

/* Writes line, of n bytes, escaped, less "PROGNAME: " and "FILE:". */
static void
put_reason(const char *line, size_t n, const char *shown_path)
{
	size_t	 k;
	char	*shown;

	k = strlen(__progname);
	if (n >= k + 2 && strncmp(line, __progname, k) == 0 &&
	    strncmp(line + k, ": ", 2) == 0) {
		line += k + 2;
		n -= k + 2;
	}
	k = strlen(shown_path);
	if (n > k && strncmp(line, shown_path, k) == 0 && line[k] == ':') {
		line += k + 1;
		n -= k + 1;
		if (n > 0 && *line == ' ') {
			line++;
			n--;
		}
	}
	shown = msg_escape(line, n);
	fputs(shown, stdout);
	free(shown);
}

/* Writes the placeholder for path, with the messages about it. */
static void
placeholder(const char *path, const char *messages)
{
	struct source	 src;
	const char	*line, *end;
	char		*shown_path, *shown;
	int		 reasons = 0;

	shown_path = msg_escape(path, strlen(path));
	fputs("This version cannot be shown as a paper: ", stdout);
	for (line = messages; *line != '\0' && reasons < MAX_REASONS;
	    line = *end == '\n' ? end + 1 : end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if (end == line)
			continue;
		if (reasons++ > 0)
			fputs("    ", stdout);
		put_reason(line, (size_t)(end - line), shown_path);
		fputc('\n', stdout);
	}
	if (reasons == 0)
		fputs("it could not be read or made into a paper\n", stdout);
	free(shown_path);

	memset(&src, 0, sizeof(src));
	switch (source_read(&src, path, HLEG_MAX_INPUT)) {
	case SOURCE_TOO_LARGE:
		printf("\n    (the source is larger than %u MiB and is not "
		    "shown)\n", HLEG_MAX_INPUT / (1024 * 1024));
		break;
	case SOURCE_ERROR:
		printf("\n    (the source cannot be read)\n");
		break;
	case SOURCE_OK:
		if (src.len > 0)
			fputc('\n', stdout);
		for (line = src.data; line < src.data + src.len;
		    line = end + 1) {
			if ((end = memchr(line, '\n',
			    (size_t)(src.data + src.len - line))) == NULL)
				end = src.data + src.len;
			if (end > line) {
				shown = msg_escape(line, (size_t)(end - line));
				fputs("    ", stdout);
				fputs(shown, stdout);
				free(shown);
			}
			fputc('\n', stdout);
		}
		break;
	}
	source_free(&src);
}

int
textconv_end(struct textconv *tc, const char *path, int status)
{
	char	*messages;

	messages = stop_capture(tc);
	if (status == 0 || ferror(stdout)) {
		fputs(messages, stderr);
	} else {
		placeholder(path, messages);
		status = 0;
	}
	free(messages);
	free(tc);
	return status;
}

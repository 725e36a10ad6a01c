/*
 * source.h - a document's bytes as read, with the name used in messages.
 *
 * Documents are read whole into memory, up to a bound, and parsed from
 * there: the bound refuses oversized input before the parser sees any of
 * it, and a valid document can be copied to standard output byte for byte.
 */
#ifndef HLEG_SOURCE_H
#define HLEG_SOURCE_H

#include <stddef.h>

/* The largest document accepted: 16 MiB, a hundred times the largest
 * report the HLEG wrote. */
#define HLEG_MAX_INPUT (16u * 1024 * 1024)

/* The largest collection accepted: 80 MiB, five times a document.  A
 * document's copy in a collection may be four times its own size (each
 * '>' of its text becomes "&gt;") and its history a few times its steps,
 * so that one document of the largest size, with its history, can be
 * collected.  A program that reads files that may be collections reads
 * up to this bound; parser_read() then refuses any other document
 * larger than HLEG_MAX_INPUT at its root element, before building it. */
#define HLEG_MAX_COLLECTION (5 * HLEG_MAX_INPUT)

struct source {
	char	*name;		/* as given, or "<stdin>" for "-" */
	char	*data;		/* the bytes, NUL-terminated (len excludes it);
				 * NULL when len passes the bound and they
				 * were not read (parser_read refuses it) */
	size_t	 len;
};

enum source_status {
	SOURCE_OK,
	SOURCE_TOO_LARGE,	/* more than max bytes; data is NULL */
	SOURCE_ERROR		/* errno tells why; data is NULL */
};

/* Reads path ("-" for standard input) into src, at most max bytes.  Stops
 * reading as soon as the bound is passed, so a 200 MB input costs no more
 * than max bytes of reading. */
enum source_status source_read(struct source *src, const char *path,
	    size_t max);

/* Makes src a NUL-terminated copy of len bytes at data, named name (a
 * git blob, a fuzzer's input).  The caller checks the bound. */
void	source_from_memory(struct source *src, const char *name,
	    const void *data, size_t len);

/* Makes src the source named name of len bytes, more than the bound,
 * that were not read. */
void	source_too_large(struct source *src, const char *name, size_t len);

/* Frees what source_read and source_from_memory allocated. */
void	source_free(struct source *src);

/* Returns the 1-based column at which element qname's start tag begins on
 * line of src, or 0 when it is not there (libxml2 records an element's line
 * but not its column). */
int	source_column(const struct source *src, long line, const char *qname);

#endif

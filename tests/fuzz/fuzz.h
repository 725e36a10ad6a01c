/*
 * fuzz.h - what the libFuzzer targets share: the invariant check that
 * aborts, strict UTF-8, the fixtures they read once.  Header only, for
 * the Makefile builds every C file of tests/fuzz as a target of its own.
 */
#ifndef HLEG_FUZZ_H
#define HLEG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/tree.h>

#include "../../src/lib/datadir.h"
#include "../../src/lib/diag.h"
#include "../../src/lib/parse.h"
#include "../../src/lib/source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts, saying which invariant broke, unless cond holds. */
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* The input as a NUL-terminated string (it ends at a NUL byte). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static inline int
fuzz_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Decodes the character at *p as RFC 3629 UTF-8 (no overlong form, no
 * surrogate, nothing past U+10FFFF) and advances *p; -1 when the bytes
 * are not UTF-8. */
static inline long
fuzz_utf8_next(const unsigned char **p)
{
	const unsigned char	*s = *p;
	long			 c, min;
	int			 n;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		c = s[0] & 0x1f;
		n = 1;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		c = s[0] & 0x0f;
		n = 2;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		c = s[0] & 0x07;
		n = 3;
		min = 0x10000;
	} else
		return -1;
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*p = s + n + 1;
	return c;
}

/* Whether s is RFC 3629 UTF-8. */
static inline int
fuzz_utf8_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	while (*p != '\0')
		if (fuzz_utf8_next(&p) < 0)
			return 0;
	return 1;
}

/* Whether s is text an XML document can hold as it is: RFC 3629 UTF-8
 * of characters XML allows. */
static inline int
fuzz_xml_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	long			 c;

	while (*p != '\0')
		if ((c = fuzz_utf8_next(&p)) < 0 || !xmlIsCharQ(c))
			return 0;
	return 1;
}

/* Parses the file name of the data directory with the safe parser, or
 * aborts: the targets' fixed inputs must be there. */
static inline xmlDocPtr
fuzz_fixture(struct parser *parser, const char *name)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;
	char			*path;

	memset(&diags, 0, sizeof(diags));
	if ((path = datadir_path(name)) == NULL ||
	    source_read(&src, path, HLEG_MAX_INPUT) != SOURCE_OK ||
	    (doc = parser_read(parser, &src, &diags)) == NULL) {
		fprintf(stderr, "%s: cannot read the fixture; is HLEG_DATADIR "
		    "the source tree?\n", name);
		abort();
	}
	source_free(&src);
	diag_clear(&diags);
	free(path);
	return doc;
}

#endif

/*
 * fuzz-msg.c - libFuzzer target: the escaping of messages, msg_escape(),
 * on any bytes (NULs included).
 *
 * What it writes must be one line of UTF-8 that cannot speak to a
 * terminal: no C0 control, DEL or C1 control, no line or paragraph
 * separator, no bidirectional embedding, override, isolate or mark.
 * Each byte it escapes becomes \ooo, and nothing else changes, so:
 * reading the \ooo back (in input without a backslash, where they can
 * only be escapes) gives the input again; the output is at most four
 * times as long; and escaping it again changes nothing.
 *
 * Build and run with "make fuzz".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/msg.h"
#include "fuzz.h"

/* Whether c may reach a terminal: written again here, not shared. */
static int
harmless(long c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return 0;
	if (c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
	    c == 0x061c)
		return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char	*p;
	char			*out, *again, *back;
	size_t			 len, n = 0;
	long			 c;
	int			 backslash;

	out = msg_escape((const char *)data, size);
	len = strlen(out);
	CHECK(len <= 4 * size);

	/* One line of harmless UTF-8. */
	CHECK(fuzz_utf8_valid(out));
	for (p = (const unsigned char *)out; *p != '\0';) {
		c = fuzz_utf8_next(&p);
		CHECK(c >= 0 && harmless(c));
	}

	/* Escaping twice is escaping once. */
	again = msg_escape(out, len);
	CHECK(strcmp(again, out) == 0);
	free(again);

	/* Nothing lost: \ooo read back gives the input. */
	backslash = memchr(data, '\\', size) != NULL;
	if (!backslash) {
		back = malloc(len + 1);
		if (back == NULL)
			abort();
		for (size_t i = 0; i < len; ) {
			if (out[i] == '\\') {
				CHECK(i + 3 < len &&
				    out[i + 1] >= '0' && out[i + 1] <= '3' &&
				    out[i + 2] >= '0' && out[i + 2] <= '7' &&
				    out[i + 3] >= '0' && out[i + 3] <= '7');
				back[n++] = (char)((out[i + 1] - '0') * 64 +
				    (out[i + 2] - '0') * 8 + (out[i + 3] - '0'));
				i += 4;
			} else
				back[n++] = out[i++];
		}
		CHECK(n == size && memcmp(back, data, size) == 0);
		free(back);
	}
	free(out);
	return 0;
}

/*
 * utf8.c - strict UTF-8.
 */
#include "utf8.h"

long
utf8_next(const unsigned char **p)
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
	} else {
		*p = s + 1;
		return -1;
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + 1;
			return -1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*p = s + 1;
		return -1;
	}
	*p = s + n + 1;
	return c;
}

int
utf8_xml_char(long c)
{
	return c == 0x9 || c == 0xa || c == 0xd ||
	    (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

int
utf8_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	long			 c;

	while (*p != '\0') {
		c = utf8_next(&p);
		if (c < 0 || (c >= 0x20 && !utf8_xml_char(c)))
			return 0;
	}
	return 1;
}

/*
 * ids.c - grammars of ids and names.
 */
#include <string.h>


#include "ids.h"
#include "utf8.h"

static int
in(const char *s, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return 0;
}

/* first: the allowed first characters' class; rest: the others'. */
static int
grammar(const char *s, int (*first)(int), int (*rest)(int), size_t min,
    size_t max)
{
	size_t	 n;

	if (s == NULL || !first((unsigned char)s[0]))
		return 0;
	for (n = 1; s[n] != '\0'; n++)
		if (!rest((unsigned char)s[n]) || n >= max)
			return 0;
	return n >= min;
}

static int
upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
upper_digit_dash(int c)
{
	return upper(c) || (c >= '0' && c <= '9') || c == '-';
}

static int
lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static int
lower_digit_dash(int c)
{
	return lower(c) || (c >= '0' && c <= '9') || c == '-';
}

int
id_document_valid(const char *s)
{
	return grammar(s, upper, upper_digit_dash, 3, 64);
}

int
id_person_valid(const char *s)
{
	return grammar(s, lower, lower_digit_dash, 1, 32);
}

int
id_name_valid(const char *s)
{
	return grammar(s, lower, lower_digit_dash, 1, 32);
}

int
id_sector_valid(const char *s)
{
	static const char *const set[] = { "ITU-R", "ITU-T", "ITU-D", NULL };

	return s != NULL && in(s, set);
}

int
id_outcome_valid(const char *s)
{
	static const char *const set[] = { "refine", "validate", "implement",
	    "no-action", NULL };

	return s != NULL && in(s, set);
}

int
id_work_area_valid(const char *s)
{
	static const char *const set[] = { "legal-measures",
	    "technical-procedural-measures", "organizational-structures",
	    "capacity-building", "international-cooperation", NULL };

	return s != NULL && in(s, set);
}

int
id_signature_text_valid(const char *s)
{
	size_t	 n;
	int	 visible = 0;

	if (s == NULL || (n = strlen(s)) == 0 || n > 200 || !utf8_valid(s))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '<' || *p == '>')
			return 0;
		if (*p != ' ')
			visible = 1;
	}
	return visible;
}

int
id_note_valid(const char *s, size_t max)
{
	if (s == NULL || strlen(s) > max || !utf8_valid(s))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return 0;
	return 1;
}

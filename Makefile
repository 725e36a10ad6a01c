# hleg - document workflow toolkit of the ITU HLEG.  Plain make; every
# library through pkg-config.  See README.md.

VERSION   = 0.1
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/hleg
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=

CC       ?= cc
PKG_CONFIG ?= pkg-config
PKGS      = libxml-2.0 libxslt libexslt libgit2
CFLAGS   ?= -O2 -g
WARNINGS  = -std=c11 -Wall -Wextra -Werror -Wpedantic -Wshadow \
            -Wstrict-prototypes -Wmissing-prototypes
DEFINES   = -D_DEFAULT_SOURCE -D_GNU_SOURCE -DHLEG_VERSION='"$(VERSION)"' \
            -DHLEG_DATADIR_DEFAULT='"$(DATADIR)"'
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS))
ALL_CFLAGS = $(WARNINGS) $(DEFINES) $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lpthread

# Where objects go: build/ for the programs, build/asan/ for the
# sanitizer build that the test suite also runs.
BUILD    ?= build
BIN      ?= bin

PROGRAMS = hleg $(notdir $(basename $(wildcard src/hleg-*.c)))
LIB_SRC  = $(wildcard src/lib/*.c)
LIB_OBJ  = $(LIB_SRC:src/lib/%.c=$(BUILD)/lib/%.o)
LIB_HDR  = $(wildcard src/lib/*.h)
MANPAGES = $(wildcard man/*.1)

all: $(PROGRAMS:%=$(BIN)/%)

$(BUILD)/lib/%.o: src/lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: src/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libhleg.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BIN)/%: $(BUILD)/%.o $(BUILD)/libhleg.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libhleg.a $(LIBS)

# The same programs with AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build/asan BIN=build/asan/bin all unit \
	    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined'

# Unit tests of the shared library, with cmocka.
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT     = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)

$(BUILD)/unit/%: tests/unit/%.c $(BUILD)/libhleg.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libhleg.a $(LIBS) \
	    $$($(PKG_CONFIG) --cflags --libs cmocka)

unit: $(UNIT)

# Fuzz targets, with clang's libFuzzer: "make fuzz" runs each for
# FUZZ_SECONDS from a corpus seeded with the fixtures.
FUZZ_SRC     = $(wildcard tests/fuzz/*.c)
FUZZ         = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   = -g -O1 -fsanitize=fuzzer,address,undefined

build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	clang $(WARNINGS) $(DEFINES) $(PKG_CFLAGS) $(FUZZ_FLAGS) -o $@ $< \
	    $(LIB_SRC) $(LIBS)

fuzz-build: $(FUZZ)

fuzz: deps-fuzz fuzz-build
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/schemas \
	    $(DESTDIR)$(DATADIR)/stylesheets $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROGRAMS:%=$(BIN)/%) $(DESTDIR)$(BINDIR)
	install -m 644 schemas/*.xsd schemas/*.sch schemas/catalog.xml \
	    $(DESTDIR)$(DATADIR)/schemas
	install -m 644 stylesheets/*.xsl $(DESTDIR)$(DATADIR)/stylesheets
	install -m 644 templates/*.xml $(DESTDIR)$(DATADIR)/templates
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1

uninstall:
	rm -f $(PROGRAMS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MANPAGES:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -rf $(DESTDIR)$(DATADIR)

# Debian packages each target needs; tests/deps installs the missing ones
# when run as root, and otherwise prints the apt-get line and stops.
deps-build:
	@tests/deps build
deps-check:
	@tests/deps check
deps-bench:
	@tests/deps bench
deps-fuzz:
	@tests/deps fuzz
deps-demo:
	@tests/deps demo
deps-fresh:
	@tests/deps fresh

# The tests' own tools.
$(BUILD)/tools/%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(WARNINGS) $(DEFINES) $(CFLAGS) -o $@ $<

tools: $(BUILD)/tools/measure

check: deps-check
	$(MAKE) all unit tools
	$(MAKE) asan
	$(MAKE) fuzz-build
	tests/run

# The whole suite again on the sanitizer build, halting at the first
# error, leaks included.
check-asan: deps-check
	$(MAKE) all asan tools
	tests/run asan

# The filters under valgrind's memcheck: the golden fixtures, and each
# program over the demo's dossier.
check-valgrind: deps-check
	$(MAKE) all
	HLEG_WRAP='valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99' \
	    HLEG_LABEL='valgrind: ' tests/golden.sh | tee build/valgrind.tap
	tests/valgrind.sh | tee -a build/valgrind.tap
	! grep -q '^not ok' build/valgrind.tap

# The README's two commands, "make check" and "make demo", on a clone of
# HEAD in a fresh Debian 12 minbase chroot, as a new user meets them (as
# root): a package that only this machine holds fails here.
check-fresh: deps-fresh
	tests/fresh

demo: deps-demo
	$(MAKE) all
	tests/demo

# The generator of a long legal history, for hleg-verify's benchmark.
$(BUILD)/bench/history: bench/history.c $(BUILD)/libhleg.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libhleg.a $(LIBS)

bench: deps-bench
	$(MAKE) all $(BUILD)/bench/history
	bench/run

lint-man:
	mandoc -T lint -W warning $(MANPAGES)

clean:
	rm -rf build $(PROGRAMS:%=$(BIN)/%)

# Keep the objects that programs are linked from.
.SECONDARY:

.PHONY: all asan unit tools fuzz fuzz-build deps-fuzz install uninstall deps-build deps-check deps-bench deps-demo deps-fresh check check-asan check-fresh check-valgrind \
	demo bench lint-man clean

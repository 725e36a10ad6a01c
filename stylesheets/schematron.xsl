<?xml version="1.0" encoding="UTF-8"?>
<!--
  schematron.xsl - hleg's small ISO Schematron compiler: turns a schema
  (schemas/rules.sch) into an XSLT 1.0 stylesheet that checks a batch of
  documents at once and lists their failed assertions and successful
  reports as

    <diagnostics><d doc="N" rule="ID" level="error|warning" line="L"
      name="QNAME">message</d>...</diagnostics>

  A batch is a document whose root element's children are the root
  elements of the documents checked; "doc" is the position of the
  document in it, from 0.  One transform for many documents spares the
  setting up of a transform for each; the rules need not know: an absolute
  context such as "/h:roster/h:member" is taken from each document's root
  ("/*/h:roster/h:member" in the batch).

  The subset it knows, which is all that the rules need:
    sch:schema, sch:ns (namespaces are taken from the schema element),
    xsl:key (copied, as ISO Schematron allows with the xslt binding),
    sch:let (in schema, pattern and rule), sch:pattern, sch:rule/@context,
    sch:assert and sch:report with @test, @id, @role ("warning" or
    "error", the default), and in messages sch:value-of/@select and
    sch:name.  sch:title and sch:p document the schema and are skipped.
  Each pattern applies its templates, in a mode of its own, to the nodes
  its rules' contexts can match: within a pattern a node is matched by the
  first rule whose context fits it, as ISO Schematron says.
  The alternatives of a context are split at "|", which must therefore not
  appear inside a predicate.
  A rule the compiler does not know stops it with a message, rather than
  being silently ignored.

  What the checks cost grows with the size of the batch and no faster,
  whatever the documents hold; the compiled stylesheet counts on the
  program that runs it (src/lib/rules.c) for the functions that make it
  so, in namespace urn:hleg:xslt:
    - the documents are taken one after the other, and each pattern's
      nodes are selected from the document's root element: "/h:a/b"
      becomes "self::h:a/b", "//a/b" and a relative "a/b" become both
      "self::a/b" and "descendant-or-self::node()/a/b" (so the first
      step of a context is a name test, without an axis).  libxml2
      merges the nodes that one step finds from many others by
      comparing each with all those already found;
    - the alternatives are put together by hx:union(), which sorts,
      where XPath's "|" would compare each node of one side with every
      node of the other;
    - the document's position comes to the templates as a parameter
      (hx:document), not counted for each diagnostic;
    - a diagnostic is written while hx:keep() says that its document
      takes more (the program keeps a hundred a document), and is only
      counted past that;
    - key() is refused: libxslt copies a key's group on every call and
      builds each group by comparing every node with those already in
      it, so that k nodes with one value cost k squared.  The rules ask
      keys with hx:key-nth(name, value, n), key(name, value)[n], and
      hx:key-position(name, value), the position of the context node in
      key(name, value) or 0, which index each xsl:key once, in linear
      time.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:out="urn:hleg:xslt-alias"
    xmlns:hx="urn:hleg:xslt"
    exclude-result-prefixes="sch">

  <xsl:namespace-alias stylesheet-prefix="out" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <xsl:template match="/sch:schema">
    <xsl:for-each select="//sch:*/@test | //sch:*/@value | //sch:*/@select
        | //sch:rule/@context | xsl:key/@use | xsl:key/@match">
      <xsl:if test="contains(concat(' ', translate(., '()[],=!&lt;&gt;|+*@$&#9;&#10;&#13;',
          '                 '), ' '), ' key ')">
        <xsl:message terminate="yes">
          <xsl:text>key() is refused, as its cost grows with the square </xsl:text>
          <xsl:text>of a key's group: use hx:key-nth(name, value, n) or </xsl:text>
          <xsl:text>hx:key-position(name, value) in </xsl:text>
          <xsl:value-of select="normalize-space()"/>
        </xsl:message>
      </xsl:if>
    </xsl:for-each>
    <out:stylesheet version="1.0">
      <xsl:copy-of select="namespace::*[name() != 'sch' and name() != 'xml']"/>
      <out:output method="xml" encoding="UTF-8"/>
      <xsl:copy-of select="xsl:key"/>
      <xsl:apply-templates select="sch:let" mode="variable"/>
      <!-- Each document of the batch in turn, and in it each pattern's
           nodes; the document's position goes to the templates. -->
      <out:template match="/">
        <diagnostics>
          <out:for-each select="/*/*">
            <xsl:for-each select="sch:pattern">
              <xsl:variable name="nodes">
                <xsl:for-each select="sch:rule">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="in-document">
                    <xsl:with-param name="context" select="normalize-space(@context)"/>
                  </xsl:call-template>
                </xsl:for-each>
              </xsl:variable>
              <out:apply-templates select="hx:union({$nodes})"
                  mode="p{position()}">
                <out:with-param name="hx:document" select="position() - 1"/>
              </out:apply-templates>
            </xsl:for-each>
          </out:for-each>
        </diagnostics>
      </out:template>
      <xsl:apply-templates select="sch:pattern"/>
    </out:stylesheet>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:message terminate="yes">not an ISO Schematron schema</xsl:message>
  </xsl:template>

  <xsl:template match="sch:pattern">
    <xsl:variable name="mode" select="concat('p', position())"/>
    <xsl:for-each select="sch:rule">
      <xsl:variable name="match">
        <xsl:call-template name="in-batch">
          <xsl:with-param name="context" select="normalize-space(@context)"/>
        </xsl:call-template>
      </xsl:variable>
      <out:template match="{$match}" mode="{$mode}"
          priority="{1000 - position()}">
        <out:param name="hx:document"/>
        <xsl:apply-templates select="../sch:let | sch:let" mode="variable"/>
        <xsl:apply-templates select="sch:assert | sch:report"/>
      </out:template>
    </xsl:for-each>
  </xsl:template>

  <!-- A context rewritten for a batch, to match: each alternative that
       is absolute gets "/*" in front, so that it starts at each
       document's root. -->
  <xsl:template name="in-batch">
    <xsl:param name="context"/>
    <xsl:variable name="first" select="normalize-space(substring-before(concat($context, '|'), '|'))"/>
    <xsl:variable name="rest" select="substring-after($context, '|')"/>
    <xsl:if test="starts-with($first, '/')">/*</xsl:if>
    <xsl:value-of select="$first"/>
    <xsl:if test="normalize-space($rest) != ''">
      <xsl:text> | </xsl:text>
      <xsl:call-template name="in-batch">
        <xsl:with-param name="context" select="$rest"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A context rewritten to select from a document's root element, as
       a list of expressions for hx:union(): "/h:a/b" becomes
       "self::h:a/b"; "//a/b" and a relative "a/b" become "self::a/b" and
       "descendant-or-self::node()/a/b" (a relative "@x" only the latter).
       Every step starts from the one document, so that no step merges
       the nodes of many (XPath's merges compare each node with all those
       already found). -->
  <xsl:template name="in-document">
    <xsl:param name="context"/>
    <xsl:variable name="first" select="normalize-space(substring-before(concat($context, '|'), '|'))"/>
    <xsl:variable name="rest" select="substring-after($context, '|')"/>
    <xsl:variable name="path">
      <xsl:choose>
        <xsl:when test="starts-with($first, '//')">
          <xsl:value-of select="substring($first, 3)"/>
        </xsl:when>
        <xsl:when test="starts-with($first, '/')">
          <xsl:value-of select="substring($first, 2)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$first"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$path = '' or contains(substring-before(concat(
        translate($path, '[', '/'), '/'), '/'), '::')">
      <xsl:message terminate="yes">
        <xsl:text>a rule context the compiler does not know: </xsl:text>
        <xsl:value-of select="$first"/>
        <xsl:text> (its first step must be a name test, without an axis)</xsl:text>
      </xsl:message>
    </xsl:if>
    <xsl:if test="not(starts-with($first, '/') and
        not(starts-with($first, '//'))) and not(starts-with($path, '@'))">
      <xsl:value-of select="concat('self::', $path, ', ')"/>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="starts-with($first, '/') and not(starts-with($first, '//'))">
        <xsl:value-of select="concat('self::', $path)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('descendant-or-self::node()/', $path)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="normalize-space($rest) != ''">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="in-document">
        <xsl:with-param name="context" select="$rest"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="sch:let" mode="variable">
    <out:variable name="{@name}" select="{@value}"/>
  </xsl:template>

  <!-- A diagnostic is written while hx:keep() says that its document
       wants more; past that, it is only counted. -->
  <xsl:template match="sch:assert">
    <xsl:variable name="level">
      <xsl:call-template name="level"/>
    </xsl:variable>
    <out:if test="not({@test}) and hx:keep($hx:document, '{$level}')">
      <xsl:call-template name="diagnostic"/>
    </out:if>
  </xsl:template>

  <xsl:template match="sch:report">
    <xsl:variable name="level">
      <xsl:call-template name="level"/>
    </xsl:variable>
    <out:if test="({@test}) and hx:keep($hx:document, '{$level}')">
      <xsl:call-template name="diagnostic"/>
    </out:if>
  </xsl:template>

  <xsl:template name="level">
    <xsl:value-of select="substring('error', 1, 5 * not(@role = 'warning'))"/>
    <xsl:value-of select="substring('warning', 1, 7 * (@role = 'warning'))"/>
  </xsl:template>

  <xsl:template name="diagnostic">
    <xsl:if test="not(@id)">
      <xsl:message terminate="yes">an assertion has no id: <xsl:value-of
        select="@test"/></xsl:message>
    </xsl:if>
    <xsl:variable name="level">
      <xsl:call-template name="level"/>
    </xsl:variable>
    <d rule="{@id}" level="{$level}">
      <out:attribute name="doc">
        <out:value-of select="$hx:document"/>
      </out:attribute>
      <out:attribute name="line">
        <out:value-of select="hx:line(.)"/>
      </out:attribute>
      <out:attribute name="name">
        <out:value-of select="name()"/>
      </out:attribute>
      <xsl:apply-templates mode="message"/>
    </d>
  </xsl:template>

  <xsl:template match="text()" mode="message">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="sch:value-of" mode="message">
    <out:value-of select="{@select}"/>
  </xsl:template>

  <xsl:template match="sch:name" mode="message">
    <out:value-of select="name({@path})"/>
  </xsl:template>

  <xsl:template match="sch:emph | sch:span" mode="message">
    <xsl:apply-templates mode="message"/>
  </xsl:template>

  <xsl:template match="*" mode="message">
    <xsl:message terminate="yes">unknown element in an assertion: <xsl:value-of
      select="name()"/></xsl:message>
  </xsl:template>

  <xsl:template match="sch:title | sch:p | sch:ns | xsl:key"/>
</xsl:stylesheet>

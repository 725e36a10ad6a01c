<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl - a proposal, report or collection (urn:hleg:1) as plain text,
  for reading in a terminal and as git's textconv driver (hleg-brief
  textconv), so that "git diff" of a document shows prose, not markup.

  Every line is at most 72 columns (a word longer than a line is split),
  no line ends in a space, and the output depends on the document alone.
  Running text is wrapped afresh from the words of each paragraph, so a
  changed word shows as a changed line of prose; tables are written one
  row per line ("cell | cell"), not aligned, so that a change in one cell
  changes one row of the diff, not the whole table.

  The layout cannot be imitated by a document's text.  A line that begins
  in column 0 begins with what this stylesheet writes: a document's id
  (or its kind, when the id is not one), a label ("Date:", "Status:",
  "Recommendation"), a heading it names ("Summary") or numbers ("1.2"),
  an event's date, or a rule of "=" or "-".  Every line of a document's
  own text - paragraphs, lists, tables, notes, minority views, and the
  continuations of titles, headings and fields - begins with spaces, and
  white space within text (newlines included) is normalised, so no text
  starts a line of its own.

  Wrapping is hx:wrap(), in C (src/lib/textpaper.c): linear in the text,
  whatever its length; it counts characters, a control as wide as the
  \ooo the toolkit shows for it.  Each block is written inside an element
  of its own (the text output writes only the text): libxslt appends text
  that follows a variable's result by copying the whole text node it
  extends, so one text node for the whole paper would cost time
  quadratic in the number of blocks.

  Parameters (strings; hleg-brief -p passes them literally):
    header  a line written first, before the title (default: none)

  The events of a document in a collection come from the collection's
  history when it has any for the document (with the actors' names),
  else from the document's workflow record, as in brief-html.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:hleg:1"
    xmlns:hx="urn:hleg:xslt"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="h hx exsl str">

  <!-- The labels and keys the papers share (no template rules). -->
  <xsl:import href="brief-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="header" select="''"/>

  <!-- The width of a line, and strings to cut rules and indents from. -->
  <xsl:variable name="width" select="72"/>
  <xsl:variable name="nl" select="'&#10;'"/>
  <!-- The indent of a document's text. -->
  <xsl:variable name="body" select="'   '"/>
  <!-- Glue: a space at which no line is broken (a private-use character,
       which hx:wrap writes as a space). -->
  <xsl:variable name="glue" select="'&#xE000;'"/>
  <xsl:variable name="spaces" select="'                                                                        '"/>
  <xsl:variable name="equals" select="'========================================================================'"/>
  <xsl:variable name="dashes" select="'------------------------------------------------------------------------'"/>
  <xsl:variable name="id-chars" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'"/>

  <!-- ================================================================
       Wrapping
       ================================================================ -->

  <!-- Writes text, its white space normalized, as lines of at most
       $width columns: the first begins with $first, the others with
       $indent.  Empty text gives $first alone, trimmed, or nothing when
       $first is blank. -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="indent" select="''"/>
    <xsl:value-of select="hx:wrap(string($text), string($first),
        string($indent), $width)"/>
  </xsl:template>

  <!-- A rule of the character of $line under text, as long as the text
       but never longer than a line. -->
  <xsl:template name="rule">
    <xsl:param name="text"/>
    <xsl:param name="line"/>
    <xsl:param name="indent" select="''"/>
    <xsl:variable name="n" select="string-length(normalize-space($text))"/>
    <xsl:variable name="max" select="$width - string-length($indent)"/>
    <xsl:value-of select="concat($indent,
        substring($line, 1, ($n &lt;= $max) * $n + ($n &gt; $max) * $max),
        $nl)"/>
  </xsl:template>

  <!-- What a column-0 line of the context document begins with: its id
       when it is one (capitals, digits and hyphens, as the schema's
       DocumentId), else its kind. -->
  <xsl:template name="doc-label">
    <xsl:choose>
      <xsl:when test="string-length(@id) &gt; 0
          and string-length(@id) &lt;= 64
          and translate(@id, $id-chars, '') = ''">
        <xsl:value-of select="@id"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="label-kind"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       The document
       ================================================================ -->

  <xsl:template match="/">
    <xsl:if test="normalize-space($header) != ''">
      <t>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="$header"/>
        </xsl:call-template>
        <xsl:value-of select="$nl"/>
      </t>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="h:proposal | h:report | h:collection">
        <xsl:apply-templates select="h:proposal | h:report | h:collection"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">the document is not a proposal, report or collection</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="h:collection">
    <xsl:variable name="documents"
        select="*[self::h:proposal or self::h:report]"/>
    <t>
      <xsl:call-template name="title">
        <xsl:with-param name="label" select="'Collection'"/>
        <xsl:with-param name="text" select="h:title"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Documents:'"/>
        <xsl:with-param name="value" select="count($documents)"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Date:'"/>
        <xsl:with-param name="value" select="h:date"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Revision:'"/>
        <xsl:with-param name="value" select="@revision"/>
      </xsl:call-template>
      <xsl:call-template name="heading">
        <xsl:with-param name="text" select="'Contents'"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
    </t>
    <xsl:for-each select="$documents">
      <xsl:variable name="label">
        <xsl:call-template name="doc-label"/>
      </xsl:variable>
      <t>
        <xsl:value-of select="hx:wrap(h:title, concat($label, '  '),
            substring($spaces, 1, string-length($label) + 2), $width)"/>
      </t>
    </xsl:for-each>
    <xsl:for-each select="$documents">
      <xsl:value-of select="concat($nl, $equals, $nl, $nl)"/>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="h:proposal | h:report">
    <xsl:variable name="label">
      <xsl:call-template name="doc-label"/>
    </xsl:variable>
    <t>
      <xsl:call-template name="title">
        <xsl:with-param name="label" select="string($label)"/>
        <xsl:with-param name="text" select="h:title"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
      <xsl:choose>
        <xsl:when test="self::h:proposal">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Proposal:'"/>
            <xsl:with-param name="value" select="@id"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'Report:'"/>
            <xsl:with-param name="value"
                select="concat(@id, ' (', @kind, ' report)')"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Date:'"/>
        <xsl:with-param name="value" select="h:date"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Addressee:'"/>
        <xsl:with-param name="value" select="h:addressee"/>
      </xsl:call-template>
      <xsl:call-template name="refs">
        <xsl:with-param name="label" select="'Rapporteurs:'"/>
        <xsl:with-param name="refs" select="h:rapporteur"/>
      </xsl:call-template>
      <xsl:call-template name="refs">
        <xsl:with-param name="label" select="'Authors:'"/>
        <xsl:with-param name="refs" select="h:author"/>
      </xsl:call-template>
      <xsl:call-template name="refs">
        <xsl:with-param name="label" select="'Work areas:'"/>
        <xsl:with-param name="refs" select="h:work-area"/>
      </xsl:call-template>
      <xsl:call-template name="refs">
        <xsl:with-param name="label" select="'Sectors:'"/>
        <xsl:with-param name="refs" select="h:sector"/>
      </xsl:call-template>
      <xsl:for-each select="h:meeting">
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Meeting:'"/>
          <xsl:with-param name="value" select="concat(@place, ', ', @date)"/>
        </xsl:call-template>
      </xsl:for-each>
    </t>
    <xsl:for-each select="h:summary">
      <xsl:call-template name="heading">
        <xsl:with-param name="text" select="'Summary'"/>
      </xsl:call-template>
      <xsl:apply-templates select="h:*"/>
    </xsl:for-each>
    <xsl:for-each select="h:background">
      <xsl:call-template name="heading">
        <xsl:with-param name="text" select="'Background'"/>
      </xsl:call-template>
      <xsl:apply-templates select="h:*"/>
    </xsl:for-each>
    <xsl:apply-templates select="h:section"/>
    <xsl:if test="h:recommendation">
      <xsl:call-template name="heading">
        <xsl:with-param name="text" select="'Recommendations'"/>
      </xsl:call-template>
      <xsl:apply-templates select="h:recommendation"/>
    </xsl:if>
    <xsl:apply-templates select="h:workflow"/>
  </xsl:template>

  <!-- "LABEL: title", underlined; the title's further lines indented. -->
  <xsl:template name="title">
    <xsl:param name="label"/>
    <xsl:param name="text"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:variable name="first">
      <xsl:value-of select="$label"/>
      <xsl:if test="$t != ''">: </xsl:if>
    </xsl:variable>
    <xsl:value-of select="hx:wrap($t, $first,
        substring($spaces, 1, string-length($first)), $width)"/>
    <xsl:call-template name="rule">
      <xsl:with-param name="text" select="concat($first, $t)"/>
      <xsl:with-param name="line" select="$equals"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Label:      value", the values aligned; nothing when empty. -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value) != ''">
      <xsl:value-of select="hx:wrap($value,
          concat($label, substring($spaces, 1, 14 - string-length($label))),
          substring($spaces, 1, 14), $width)"/>
    </xsl:if>
  </xsl:template>

  <!-- A field listing the @ref of each of refs. -->
  <xsl:template name="refs">
    <xsl:param name="label"/>
    <xsl:param name="refs"/>
    <xsl:if test="$refs">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="value" select="hx:join($refs/@ref,
            concat(',', ' '))"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A heading after a blank line, in column 0: a name the stylesheet
       gives, or a document's title after the number the stylesheet
       gives it; underlined at the first level. -->
  <xsl:template name="heading">
    <xsl:param name="text"/>
    <xsl:param name="number" select="''"/>
    <xsl:param name="level" select="1"/>
    <t>
      <xsl:value-of select="$nl"/>
      <xsl:choose>
        <xsl:when test="$number != ''">
          <xsl:value-of select="hx:wrap($text, concat($number, ' '),
              substring($spaces, 1, string-length($number) + 1), $width)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="hx:wrap($text, '', '', $width)"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$level = 1">
        <xsl:call-template name="rule">
          <xsl:with-param name="text" select="concat($number,
              substring(' ', 1, string-length($number)), $text)"/>
          <xsl:with-param name="line" select="$dashes"/>
        </xsl:call-template>
      </xsl:if>
    </t>
  </xsl:template>

  <!-- A section, numbered from its position among its siblings and the
       number of its parent, passed down (xsl:number counts the preceding
       siblings of each section again). -->
  <xsl:template match="h:section">
    <xsl:param name="parent" select="''"/>
    <xsl:param name="level" select="1"/>
    <xsl:variable name="number" select="concat($parent, position())"/>
    <xsl:call-template name="heading">
      <xsl:with-param name="text" select="h:title"/>
      <xsl:with-param name="number" select="$number"/>
      <xsl:with-param name="level" select="$level"/>
    </xsl:call-template>
    <xsl:apply-templates
        select="h:*[not(self::h:title or self::h:section)]"/>
    <xsl:apply-templates select="h:section">
      <xsl:with-param name="parent" select="concat($number, '.')"/>
      <xsl:with-param name="level" select="$level + 1"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- "Recommendation 1.3 (to Governments; full consensus)", its text,
       and the minority view indented. -->
  <xsl:template match="h:recommendation">
    <t>
      <xsl:value-of select="$nl"/>
      <xsl:value-of select="hx:wrap(concat('Recommendation ', @n,
          ' (to ', @addressed-to, '; ', @consensus, $glue, 'consensus)'),
          '', '    ', $width)"/>
    </t>
    <xsl:apply-templates select="h:*[not(self::h:minority-view)]"/>
    <xsl:apply-templates select="h:minority-view"/>
  </xsl:template>

  <xsl:template match="h:minority-view">
    <xsl:variable name="lead">
      <xsl:text>Minority view</xsl:text>
      <xsl:if test="normalize-space(@by) != ''">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="str:tokenize(@by, ' &#9;&#10;&#13;')">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:text>:</xsl:text>
    </xsl:variable>
    <xsl:call-template name="lead-blocks">
      <xsl:with-param name="lead" select="string($lead)"/>
      <xsl:with-param name="indent" select="concat($body, '   ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="h:note">
    <xsl:param name="indent" select="$body"/>
    <xsl:call-template name="lead-blocks">
      <xsl:with-param name="lead" select="'Note:'"/>
      <xsl:with-param name="indent" select="concat($indent, '   ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The blocks of the context node, indented, the first paragraph
       led by lead ("Note:"); a lead line of its own when the first block
       is not a paragraph. -->
  <xsl:template name="lead-blocks">
    <xsl:param name="lead"/>
    <xsl:param name="indent"/>
    <xsl:variable name="first" select="h:*[1]"/>
    <xsl:choose>
      <xsl:when test="$first/self::h:p">
        <xsl:apply-templates select="$first">
          <xsl:with-param name="indent" select="$indent"/>
          <xsl:with-param name="lead" select="concat($lead, ' ')"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <t>
          <xsl:value-of select="$nl"/>
          <xsl:value-of select="hx:wrap($lead, $indent, $indent, $width)"/>
        </t>
        <xsl:apply-templates select="$first">
          <xsl:with-param name="indent" select="$indent"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="h:*[position() &gt; 1]">
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- ================================================================
       Blocks: each begins with a blank line, indented
       ================================================================ -->

  <!-- A paragraph of text alone is wrapped from its string value: no
       result tree fragment, no element of its own (each costs memory in
       a document of many small blocks). -->
  <xsl:template match="h:p">
    <xsl:param name="indent" select="$body"/>
    <xsl:param name="lead" select="''"/>
    <xsl:choose>
      <xsl:when test="not(*)">
        <xsl:value-of select="concat($nl,
            hx:wrap(concat($lead, .), $indent, $indent, $width))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text">
          <xsl:value-of select="$lead"/>
          <xsl:apply-templates mode="inline"/>
        </xsl:variable>
        <t>
          <xsl:value-of select="concat($nl,
              hx:wrap($text, $indent, $indent, $width))"/>
        </t>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="h:ul | h:ol">
    <xsl:param name="indent" select="$body"/>
    <xsl:value-of select="$nl"/>
    <xsl:apply-templates select="h:li">
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- "- item" or "1. item", the lines after the first under its text;
       a nested list follows on the next line, further in.  An item of
       text alone is wrapped from its string value, as a paragraph. -->
  <xsl:template match="h:li">
    <xsl:param name="indent" select="$body"/>
    <xsl:variable name="mark" select="concat(
        substring('- ', 1, 2 * not(parent::h:ol)),
        substring(concat(position(), '. '), 1, 100 * boolean(parent::h:ol)))"/>
    <xsl:variable name="hang"
        select="concat($indent, substring($spaces, 1, string-length($mark)))"/>
    <xsl:choose>
      <xsl:when test="not(*)">
        <xsl:value-of select="hx:wrap(., concat($indent, $mark), $hang,
            $width)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text">
          <xsl:apply-templates select="node()[not(self::h:ul or self::h:ol)]"
              mode="inline"/>
        </xsl:variable>
        <t>
          <xsl:value-of select="hx:wrap($text, concat($indent, $mark), $hang,
              $width)"/>
        </t>
        <xsl:for-each select="*[self::h:ul or self::h:ol]">
          <xsl:apply-templates select="h:li">
            <xsl:with-param name="indent" select="$hang"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A table: its caption, then one row per line, "cell | cell", a
       wrapped row going on further in; a rule under a row of headers. -->
  <xsl:template match="h:table">
    <xsl:param name="indent" select="$body"/>
    <t>
      <xsl:value-of select="$nl"/>
    </t>
    <xsl:for-each select="h:caption">
      <xsl:variable name="text">
        <xsl:apply-templates mode="inline"/>
      </xsl:variable>
      <t>
        <xsl:value-of select="hx:wrap($text, concat($indent, 'Table: '),
            concat($indent, '       '), $width)"/>
        <xsl:value-of select="$nl"/>
      </t>
    </xsl:for-each>
    <xsl:for-each select="h:tr">
      <!-- Cells of text alone are joined from their string values;
           others are made each in an element of its own, then joined in
           C (appending each cell's text to one string would copy the row
           so far). -->
      <xsl:variable name="cells">
        <xsl:if test="*/*">
          <xsl:for-each select="*[self::h:th or self::h:td]">
            <c><xsl:apply-templates mode="inline"/></c>
          </xsl:for-each>
        </xsl:if>
      </xsl:variable>
      <xsl:variable name="row">
        <xsl:choose>
          <xsl:when test="*/*">
            <xsl:value-of select="hx:join(exsl:node-set($cells)/c,
                concat($glue, '| '))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="hx:join(*[self::h:th or self::h:td],
                concat($glue, '| '))"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <t>
        <xsl:value-of select="hx:wrap($row, concat($indent, '  '),
            concat($indent, '      '), $width)"/>
        <xsl:if test="h:th and not(h:td)">
          <xsl:call-template name="rule">
            <xsl:with-param name="text" select="$row"/>
            <xsl:with-param name="line" select="$dashes"/>
            <xsl:with-param name="indent" select="concat($indent, '  ')"/>
          </xsl:call-template>
        </xsl:if>
      </t>
    </xsl:for-each>
  </xsl:template>

  <!-- ================================================================
       The workflow record
       ================================================================ -->

  <!-- "Status: draft", then one line per step or event:
       DATE  EVENT by ACTOR, FROM -> TO[, SECTOR][, OUTCOME][: NOTE]
       where ACTOR is "Name (id)" when a collection's history names
       them. -->
  <xsl:template match="h:workflow">
    <xsl:variable name="events" select="hx:events(../@id)"/>
    <t>
      <xsl:value-of select="$nl"/>
      <xsl:value-of select="hx:wrap(@state, 'Status: ', '        ',
          $width)"/>
      <xsl:if test="$events or h:step">
        <xsl:value-of select="$nl"/>
      </xsl:if>
    </t>
    <xsl:choose>
      <xsl:when test="$events">
        <xsl:for-each select="$events">
          <xsl:call-template name="event-line"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="h:step">
          <xsl:call-template name="event-line"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The line of the context step or event, led by its date (or
       "undated" when @date is not one). -->
  <xsl:template name="event-line">
    <xsl:variable name="actor">
      <xsl:choose>
        <xsl:when test="normalize-space(@actor-name) != ''">
          <xsl:value-of select="concat(normalize-space(@actor-name),
              ' (', @actor, ')')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="@by | @actor"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="date">
      <xsl:choose>
        <xsl:when test="string-length(@date) = 10
            and translate(@date, '0123456789', '') = '--'">
          <xsl:value-of select="@date"/>
        </xsl:when>
        <xsl:otherwise>undated   </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <t>
      <xsl:value-of select="hx:wrap(concat(@event,
          ' by ', $actor, ', ', @from, ' -> ', @to,
          substring(', ', 1, 2 * boolean(@sector)), @sector,
          substring(', ', 1, 2 * boolean(@outcome)), @outcome,
          substring(': ', 1, 2 * (normalize-space(h:note) != '')),
          h:note), concat($date, '  '), substring($spaces, 1, 12),
          $width)"/>
    </t>
  </xsl:template>

  <!-- ================================================================
       Inline text
       ================================================================ -->

  <xsl:template match="text()" mode="inline">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="h:em" mode="inline">
    <xsl:text>_</xsl:text>
    <xsl:apply-templates mode="inline"/>
    <xsl:text>_</xsl:text>
  </xsl:template>

  <xsl:template match="h:strong" mode="inline">
    <xsl:text>*</xsl:text>
    <xsl:apply-templates mode="inline"/>
    <xsl:text>*</xsl:text>
  </xsl:template>

  <xsl:template match="h:q" mode="inline">
    <xsl:text>"</xsl:text>
    <xsl:apply-templates mode="inline"/>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <!-- A link's text, then its address unless the text already is it. -->
  <xsl:template match="h:a" mode="inline">
    <xsl:apply-templates mode="inline"/>
    <xsl:if test="normalize-space(.) != normalize-space(@href)">
      <xsl:value-of select="concat(' &lt;', normalize-space(@href), '&gt;')"/>
    </xsl:if>
  </xsl:template>

  <!-- code, and anything a later vocabulary adds: its text. -->
  <xsl:template match="*" mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="inline"/>
</xsl:stylesheet>

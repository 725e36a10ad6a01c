<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl - a proposal, report or collection (urn:hleg:1) as plain text,
  for reading in a terminal and as git's textconv driver (hleg-brief -f
  text), so that "git diff" of a document shows prose, not markup.

  Every line is at most 72 columns (a word longer than a line is split),
  no line ends in a space, and the output depends on the document alone.
  Running text is wrapped afresh from the words of each paragraph, so a
  changed word shows as a changed line of prose; tables are written one
  row per line ("cell | cell"), not aligned, so that a change in one cell
  changes one row of the diff, not the whole table.

  Parameters (strings; hleg-brief -p passes them literally):
    header  a line written first, before the title (default: none)

  The events of a document in a collection come from the collection's
  history when it has any for the document (with the actors' names),
  else from the document's workflow record, as in brief-html.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:hleg:1"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="h str">

  <!-- The keys into a collection's history. -->
  <xsl:import href="brief-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="header" select="''"/>

  <!-- The width of a line, and strings to cut rules and indents from. -->
  <xsl:variable name="width" select="72"/>
  <xsl:variable name="nl" select="'&#10;'"/>
  <!-- Glue: a space at which no line is broken (a private-use character,
       written as a space). -->
  <xsl:variable name="glue" select="'&#xE000;'"/>
  <xsl:variable name="spaces" select="'                                                                        '"/>
  <xsl:variable name="equals" select="'========================================================================'"/>
  <xsl:variable name="dashes" select="'------------------------------------------------------------------------'"/>

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
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:choose>
      <xsl:when test="$t != ''">
        <xsl:call-template name="wrap-lines">
          <xsl:with-param name="text" select="$t"/>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="indent" select="$indent"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="normalize-space($first) != ''">
        <xsl:call-template name="trim-right">
          <xsl:with-param name="s" select="$first"/>
        </xsl:call-template>
        <xsl:value-of select="$nl"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- One line per call: the longest run of whole words that fits, or,
       when the first word alone does not fit, as much of it as does. -->
  <xsl:template name="wrap-lines">
    <xsl:param name="text"/>
    <xsl:param name="first"/>
    <xsl:param name="indent"/>
    <xsl:variable name="room">
      <xsl:choose>
        <!-- A deep indent still leaves room for a few words. -->
        <xsl:when test="$width - string-length($first) &lt; 20">20</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$width - string-length($first)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($text) &lt;= $room">
        <xsl:value-of
            select="concat($first, translate($text, $glue, ' '), $nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="cut">
          <xsl:call-template name="last-space">
            <xsl:with-param name="s" select="substring($text, 1, $room + 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$cut &gt; 1">
            <xsl:value-of select="concat($first,
                translate(substring($text, 1, $cut - 1), $glue, ' '), $nl)"/>
            <xsl:call-template name="wrap-lines">
              <xsl:with-param name="text" select="substring($text, $cut + 1)"/>
              <xsl:with-param name="first" select="$indent"/>
              <xsl:with-param name="indent" select="$indent"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($first,
                translate(substring($text, 1, $room), $glue, ' '), $nl)"/>
            <xsl:call-template name="wrap-lines">
              <xsl:with-param name="text" select="substring($text, $room + 1)"/>
              <xsl:with-param name="first" select="$indent"/>
              <xsl:with-param name="indent" select="$indent"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The position of the last space in s, or 0. -->
  <xsl:template name="last-space">
    <xsl:param name="s"/>
    <xsl:param name="base" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="base"
              select="$base + string-length(substring-before($s, ' ')) + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$base"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- s without its trailing spaces. -->
  <xsl:template name="trim-right">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="substring($s, string-length($s)) = ' '">
        <xsl:call-template name="trim-right">
          <xsl:with-param name="s"
              select="substring($s, 1, string-length($s) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
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

  <!-- ================================================================
       The document
       ================================================================ -->

  <xsl:template match="/">
    <xsl:if test="normalize-space($header) != ''">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$header"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
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
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="h:title">
          <xsl:value-of select="normalize-space(h:title)"/>
        </xsl:when>
        <xsl:otherwise>Collection</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="title">
      <xsl:with-param name="text" select="$title"/>
    </xsl:call-template>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="field">
      <xsl:with-param name="label" select="'Documents:'"/>
      <xsl:with-param name="value"
          select="count(h:proposal | h:report)"/>
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
    <xsl:for-each select="h:proposal | h:report">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(@id, ' ', h:title)"/>
        <xsl:with-param name="indent" select="substring($spaces, 1,
            string-length(@id) + 1)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="h:proposal | h:report">
      <xsl:value-of select="concat($nl, $equals, $nl, $nl)"/>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="h:proposal | h:report">
    <xsl:call-template name="title">
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

  <!-- The title, underlined. -->
  <xsl:template name="title">
    <xsl:param name="text"/>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text" select="$text"/>
    </xsl:call-template>
    <xsl:call-template name="rule">
      <xsl:with-param name="text" select="$text"/>
      <xsl:with-param name="line" select="$equals"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Label:      value", the values aligned; nothing when empty. -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value) != ''">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$value"/>
        <xsl:with-param name="first"
            select="concat($label, substring($spaces, 1,
                14 - string-length($label)))"/>
        <xsl:with-param name="indent" select="substring($spaces, 1, 14)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A field listing the @ref of each of refs. -->
  <xsl:template name="refs">
    <xsl:param name="label"/>
    <xsl:param name="refs"/>
    <xsl:if test="$refs">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="value">
          <xsl:for-each select="$refs">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="@ref"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A heading after a blank line: underlined at the first level. -->
  <xsl:template name="heading">
    <xsl:param name="text"/>
    <xsl:param name="number" select="''"/>
    <xsl:param name="level" select="1"/>
    <xsl:value-of select="$nl"/>
    <xsl:choose>
      <xsl:when test="$number != ''">
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="first" select="concat($number, ' ')"/>
          <xsl:with-param name="indent"
              select="substring($spaces, 1, string-length($number) + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="$text"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$level = 1">
      <xsl:call-template name="rule">
        <xsl:with-param name="text" select="concat($number,
            substring(' ', 1, string-length($number)), $text)"/>
        <xsl:with-param name="line" select="$dashes"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="h:section">
    <xsl:call-template name="heading">
      <xsl:with-param name="text" select="h:title"/>
      <xsl:with-param name="number">
        <xsl:number level="multiple" count="h:section" format="1.1"/>
      </xsl:with-param>
      <xsl:with-param name="level" select="count(ancestor::h:section) + 1"/>
    </xsl:call-template>
    <xsl:apply-templates select="h:*[not(self::h:title)]"/>
  </xsl:template>

  <!-- "Recommendation 1.3 (to Governments; full consensus)", its text,
       and the minority view indented. -->
  <xsl:template match="h:recommendation">
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text" select="concat('Recommendation ', @n,
          ' (to ', @addressed-to, '; ', @consensus, $glue, 'consensus)')"/>
      <xsl:with-param name="indent" select="'    '"/>
    </xsl:call-template>
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
      <xsl:text>: </xsl:text>
    </xsl:variable>
    <xsl:call-template name="lead-blocks">
      <xsl:with-param name="lead" select="string($lead)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="h:note">
    <xsl:param name="indent" select="''"/>
    <xsl:call-template name="lead-blocks">
      <xsl:with-param name="lead" select="'Note: '"/>
      <xsl:with-param name="indent" select="concat($indent, '    ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The blocks of the context node, indented, the first paragraph
       led by lead ("Note: "); a lead line of its own when the first block
       is not a paragraph. -->
  <xsl:template name="lead-blocks">
    <xsl:param name="lead"/>
    <xsl:param name="indent" select="'    '"/>
    <xsl:variable name="first" select="h:*[1]"/>
    <xsl:choose>
      <xsl:when test="$first/self::h:p">
        <xsl:apply-templates select="$first">
          <xsl:with-param name="indent" select="$indent"/>
          <xsl:with-param name="lead" select="$lead"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$nl"/>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="''"/>
          <xsl:with-param name="first" select="concat($indent, $lead)"/>
        </xsl:call-template>
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
       Blocks: each begins with a blank line
       ================================================================ -->

  <xsl:template match="h:p">
    <xsl:param name="indent" select="''"/>
    <xsl:param name="lead" select="''"/>
    <xsl:variable name="text">
      <xsl:apply-templates mode="inline"/>
    </xsl:variable>
    <xsl:value-of select="$nl"/>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text" select="$text"/>
      <xsl:with-param name="first" select="concat($indent, $lead)"/>
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="h:ul | h:ol">
    <xsl:param name="indent" select="''"/>
    <xsl:value-of select="$nl"/>
    <xsl:apply-templates select="h:li">
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- "- item" or "1. item", the lines after the first under its text;
       a nested list follows on the next line, further in. -->
  <xsl:template match="h:li">
    <xsl:param name="indent" select="''"/>
    <xsl:variable name="mark">
      <xsl:choose>
        <xsl:when test="parent::h:ol">
          <xsl:value-of select="concat(position(), '. ')"/>
        </xsl:when>
        <xsl:otherwise>- </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="hang"
        select="concat($indent, substring($spaces, 1, string-length($mark)))"/>
    <xsl:variable name="text">
      <xsl:apply-templates select="node()[not(self::h:ul or self::h:ol)]"
          mode="inline"/>
    </xsl:variable>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text" select="$text"/>
      <xsl:with-param name="first" select="concat($indent, $mark)"/>
      <xsl:with-param name="indent" select="$hang"/>
    </xsl:call-template>
    <xsl:for-each select="h:ul | h:ol">
      <xsl:apply-templates select="h:li">
        <xsl:with-param name="indent" select="$hang"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- A table: its caption, then one row per line, "cell | cell", a
       wrapped row going on further in; a rule under a row of headers. -->
  <xsl:template match="h:table">
    <xsl:param name="indent" select="''"/>
    <xsl:value-of select="$nl"/>
    <xsl:for-each select="h:caption">
      <xsl:variable name="text">
        <xsl:apply-templates mode="inline"/>
      </xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$text"/>
        <xsl:with-param name="first" select="concat($indent, 'Table: ')"/>
        <xsl:with-param name="indent" select="concat($indent, '       ')"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
    </xsl:for-each>
    <xsl:for-each select="h:tr">
      <xsl:variable name="row">
        <xsl:for-each select="h:th | h:td">
          <xsl:if test="position() &gt; 1">
            <xsl:value-of select="concat($glue, '| ')"/>
          </xsl:if>
          <xsl:variable name="cell">
            <xsl:apply-templates mode="inline"/>
          </xsl:variable>
          <xsl:value-of select="normalize-space($cell)"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$row"/>
        <xsl:with-param name="first" select="concat($indent, '  ')"/>
        <xsl:with-param name="indent" select="concat($indent, '      ')"/>
      </xsl:call-template>
      <xsl:if test="h:th and not(h:td)">
        <xsl:call-template name="rule">
          <xsl:with-param name="text" select="$row"/>
          <xsl:with-param name="line" select="$dashes"/>
          <xsl:with-param name="indent" select="concat($indent, '  ')"/>
        </xsl:call-template>
      </xsl:if>
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
    <xsl:variable name="events" select="key('hleg-events', ../@id)"/>
    <xsl:variable name="rows" select="$events | h:step[not($events)]"/>
    <xsl:value-of select="concat($nl, 'Status: ', @state, $nl)"/>
    <xsl:if test="$rows">
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:for-each select="$rows">
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
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(@event,
            ' by ', $actor, ', ', @from, ' -> ', @to,
            substring(', ', 1, 2 * boolean(@sector)), @sector,
            substring(', ', 1, 2 * boolean(@outcome)), @outcome,
            substring(': ', 1, 2 * (normalize-space(h:note) != '')),
            h:note)"/>
        <xsl:with-param name="first" select="concat(@date, '  ')"/>
        <xsl:with-param name="indent"
            select="substring($spaces, 1, string-length(@date) + 2)"/>
      </xsl:call-template>
    </xsl:for-each>
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

<?xml version="1.0" encoding="UTF-8"?>
<!--
  workflow-dot.xsl - a workflow definition (schemas/workflow.xsd, a
  dossier's workflow.xml) as a Graphviz digraph:

    xsltproc stylesheets/workflow-dot.xsl fixtures/dossier/workflow.xml |
        dot -Tpng -Gdpi=110 -o doc/workflow.png

  States are nodes: the initial one entered by an arrow from a point,
  final ones drawn as double circles.  Each event gives one edge per state
  it leaves from, labelled with its name, the roles that may fire it and
  what it requires.  An event fired once per Sector (per-sector) is drawn
  twice: to its state, and as a dashed loop on the state it leaves from,
  for the Sectors before the last.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:hleg:1"
    exclude-result-prefixes="h">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="font" select="'Helvetica,Arial,sans-serif'"/>
  <xsl:variable name="nl" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="h:workflow-definition">
        <xsl:apply-templates select="h:workflow-definition"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">the document is not a workflow definition</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="h:workflow-definition">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="normalize-space(@name) != ''">
          <xsl:value-of select="concat(normalize-space(@name), ' workflow')"/>
        </xsl:when>
        <xsl:otherwise>workflow</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:text>digraph workflow {&#10;</xsl:text>
    <xsl:value-of select="concat('  graph [rankdir=LR, fontname=&quot;', $font,
        '&quot;, fontsize=14, labelloc=t, labeljust=l, nodesep=0.7,',
        ' ranksep=1.1, pad=0.3, label=')"/>
    <xsl:call-template name="quoted">
      <xsl:with-param name="s" select="$title"/>
    </xsl:call-template>
    <xsl:text>];&#10;</xsl:text>
    <xsl:value-of select="concat('  node [fontname=&quot;', $font,
        '&quot;, fontsize=12, shape=circle, fixedsize=true, width=1.25,',
        ' style=filled, fillcolor=&quot;#f2f2f2&quot;,',
        ' color=&quot;#404040&quot;, penwidth=1.2];', $nl)"/>
    <xsl:value-of select="concat('  edge [fontname=&quot;', $font,
        '&quot;, fontsize=10, color=&quot;#505050&quot;,',
        ' fontcolor=&quot;#202020&quot;, arrowsize=0.7];', $nl, $nl)"/>

    <!-- The entry arrow, from a node no state can be named as ("_"). -->
    <xsl:text>  _start [shape=point, width=0.14, fixedsize=true, style=filled, fillcolor="#202020", label=""];&#10;</xsl:text>
    <xsl:text>  _start -> </xsl:text>
    <xsl:call-template name="quoted">
      <xsl:with-param name="s" select="@initial"/>
    </xsl:call-template>
    <xsl:text>;&#10;&#10;</xsl:text>

    <xsl:apply-templates select="h:state"/>
    <xsl:value-of select="$nl"/>
    <xsl:apply-templates select="h:event"/>
    <xsl:text>}&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="h:state">
    <xsl:text>  </xsl:text>
    <xsl:call-template name="quoted">
      <xsl:with-param name="s" select="@name"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="@final = 'true' or @final = '1'">
        <xsl:text> [shape=doublecircle, width=1.15]</xsl:text>
      </xsl:when>
      <xsl:when test="@name = ../@initial">
        <xsl:text> [penwidth=1.8]</xsl:text>
      </xsl:when>
    </xsl:choose>
    <xsl:text>;&#10;</xsl:text>
  </xsl:template>

  <!-- One edge per state the event leaves from. -->
  <xsl:template match="h:event">
    <xsl:variable name="event" select="."/>
    <xsl:variable name="per-sector"
        select="@per-sector = 'true' or @per-sector = '1'"/>
    <xsl:for-each select="h:from">
      <xsl:call-template name="edge">
        <xsl:with-param name="from" select="@state"/>
        <xsl:with-param name="to" select="$event/@to"/>
        <xsl:with-param name="label">
          <xsl:apply-templates select="$event" mode="label"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="$per-sector and @state != $event/@to">
        <xsl:call-template name="edge">
          <xsl:with-param name="from" select="@state"/>
          <xsl:with-param name="to" select="@state"/>
          <xsl:with-param name="label">
            <xsl:text>&lt;B&gt;</xsl:text>
            <xsl:call-template name="html">
              <xsl:with-param name="s" select="$event/@name"/>
            </xsl:call-template>
            <xsl:text>&lt;/B&gt;&lt;BR/&gt;&lt;I&gt;(until every Sector has)&lt;/I&gt;</xsl:text>
          </xsl:with-param>
          <xsl:with-param name="style" select="'dashed'"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="edge">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="label"/>
    <xsl:param name="style" select="''"/>
    <xsl:text>  </xsl:text>
    <xsl:call-template name="quoted">
      <xsl:with-param name="s" select="$from"/>
    </xsl:call-template>
    <xsl:text> -> </xsl:text>
    <xsl:call-template name="quoted">
      <xsl:with-param name="s" select="$to"/>
    </xsl:call-template>
    <xsl:value-of select="concat(' [label=&lt;', $label, '&gt;')"/>
    <xsl:if test="$style != ''">
      <xsl:value-of select="concat(', style=', $style)"/>
    </xsl:if>
    <xsl:if test="$from = $to">
      <!-- Loops above the node, where they do not cross the edges. -->
      <xsl:text>, headport=n, tailport=n</xsl:text>
    </xsl:if>
    <xsl:text>];&#10;</xsl:text>
  </xsl:template>

  <!-- An event's label, as Graphviz HTML: the name in bold; who may fire
       it; what it requires, in italics. -->
  <xsl:template match="h:event" mode="label">
    <xsl:text>&lt;B&gt;</xsl:text>
    <xsl:call-template name="html">
      <xsl:with-param name="s" select="@name"/>
    </xsl:call-template>
    <xsl:text>&lt;/B&gt;&lt;BR/&gt;</xsl:text>
    <xsl:for-each select="h:by">
      <xsl:if test="position() &gt; 1"> or </xsl:if>
      <xsl:call-template name="html">
        <xsl:with-param name="s" select="@role"/>
      </xsl:call-template>
      <xsl:if test="@except">
        <xsl:text> except </xsl:text>
        <xsl:call-template name="html">
          <xsl:with-param name="s" select="@except"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="@own-sector = 'true' or @own-sector = '1'">
        <xsl:text>, own Sector</xsl:text>
      </xsl:if>
    </xsl:for-each>
    <xsl:variable name="needs">
      <xsl:apply-templates select="h:requires"/>
      <xsl:if test="@records-version = 'true' or @records-version = '1'">
        <xsl:text>, records version</xsl:text>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="string($needs) != ''">
      <xsl:value-of
          select="concat('&lt;BR/&gt;&lt;I&gt;', substring($needs, 3), '&lt;/I&gt;')"/>
    </xsl:if>
  </xsl:template>

  <!-- What an event requires, each item led by ", ". -->
  <xsl:template match="h:requires">
    <xsl:variable name="per-sector"
        select="../@per-sector = 'true' or ../@per-sector = '1'"/>
    <xsl:if test="@endorsements &gt; 0">
      <xsl:value-of select="concat(', ', number(@endorsements),
          ' endorsement', substring('s', 1, number(@endorsements != 1)))"/>
    </xsl:if>
    <xsl:if test="@note = 'true' or @note = '1'">, note</xsl:if>
    <xsl:if test="@sector = 'true' or @sector = '1'">
      <xsl:choose>
        <xsl:when test="$per-sector">, per Sector</xsl:when>
        <xsl:otherwise>, Sector</xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="@outcome = 'true' or @outcome = '1'">, outcome</xsl:if>
  </xsl:template>

  <!-- s as a dot string: in double quotes, with " and \ escaped. -->
  <xsl:template name="quoted">
    <xsl:param name="s"/>
    <xsl:text>"</xsl:text>
    <xsl:call-template name="replace">
      <xsl:with-param name="s">
        <xsl:call-template name="replace">
          <xsl:with-param name="s" select="$s"/>
          <xsl:with-param name="from" select="'\'"/>
          <xsl:with-param name="to" select="'\\'"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="from" select="'&quot;'"/>
      <xsl:with-param name="to" select="'\&quot;'"/>
    </xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <!-- s escaped for a Graphviz HTML label. -->
  <xsl:template name="html">
    <xsl:param name="s"/>
    <xsl:call-template name="replace">
      <xsl:with-param name="s">
        <xsl:call-template name="replace">
          <xsl:with-param name="s">
            <xsl:call-template name="replace">
              <xsl:with-param name="s" select="$s"/>
              <xsl:with-param name="from" select="'&amp;'"/>
              <xsl:with-param name="to" select="'&amp;amp;'"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="from" select="'&lt;'"/>
          <xsl:with-param name="to" select="'&amp;lt;'"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="from" select="'&gt;'"/>
      <xsl:with-param name="to" select="'&amp;gt;'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="s"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($s, $from)">
        <xsl:value-of select="concat(substring-before($s, $from), $to)"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="s" select="substring-after($s, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>

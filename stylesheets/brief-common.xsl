<?xml version="1.0" encoding="UTF-8"?>
<!--
  brief-common.xsl - what the briefing-paper stylesheets share (the HTML
  of brief-html.xsl and the text of text.xsl): the keys into a
  collection's history, and named templates that say the vocabulary in
  words - work areas, Sectors, states, events, outcomes, consensus, kinds
  of document, dates, a document's status.  It has no template rules and
  no output of its own, so that importing it changes nothing until its
  templates are called.

  Every label template writes the raw value when it does not know it, so
  that a workflow definition with other states or events still gives a
  readable paper.

  What the templates cost grows with the document and no faster: no
  template looks back along an axis or sorts (libxslt's xsl:sort takes
  time that grows with the square of what it sorts, in the worst order).
  The keys are asked through hleg-brief's hp:key, hp:key-first and
  hp:key-count (src/lib/paperkeys.h), which index each key once: with
  libxslt's own key(), which xsltproc falls back to, k nodes of one value
  cost k squared.  A stylesheet that asks a key itself does the same:

    <xsl:choose>
      <xsl:when test="function-available('hp:key')">
        ... hp:key('hleg-events', @id) ...
      </xsl:when>
      <xsl:otherwise>... key('hleg-events', @id) ...</xsl:otherwise>
    </xsl:choose>
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:hleg:1"
    xmlns:hp="urn:hleg:paper"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    xmlns:set="http://exslt.org/sets"
    exclude-result-prefixes="h hp exsl math set">

  <!-- The events of a collection's history, by document id. -->
  <xsl:key name="hleg-events" match="h:history/h:event" use="@document"/>

  <!-- Events that name their actor, by actor id: the names of members
       and officials, which documents give by id only. -->
  <xsl:key name="hleg-actors" match="h:history/h:event[@actor-name]"
      use="@actor"/>

  <!-- The workflow records of a collection's documents, by state. -->
  <xsl:key name="hleg-states" match="h:collection/*/h:workflow"
      use="@state"/>

  <!-- The document read, for looking up its keys from elsewhere (the
       tokens of an attribute, say). -->
  <xsl:variable name="hleg-source" select="/"/>

  <!-- count(key(name, value)). -->
  <xsl:template name="hleg-key-count">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="function-available('hp:key-count')">
        <xsl:value-of select="hp:key-count($name, $value)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="count(key($name, $value))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       Labels
       ================================================================ -->

  <!-- A work area of the Global Cybersecurity Agenda, by its name. -->
  <xsl:template name="label-work-area">
    <xsl:param name="ref"/>
    <xsl:choose>
      <xsl:when test="$ref = 'legal-measures'">Legal measures</xsl:when>
      <xsl:when test="$ref = 'technical-procedural-measures'">Technical and procedural measures</xsl:when>
      <xsl:when test="$ref = 'organizational-structures'">Organizational structures</xsl:when>
      <xsl:when test="$ref = 'capacity-building'">Capacity building</xsl:when>
      <xsl:when test="$ref = 'international-cooperation'">International cooperation</xsl:when>
      <xsl:otherwise><xsl:value-of select="$ref"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The number of a work area in the Agenda's order (recommendation 1.x
       is on legal measures), or nothing. -->
  <xsl:template name="number-work-area">
    <xsl:param name="ref"/>
    <xsl:choose>
      <xsl:when test="$ref = 'legal-measures'">1</xsl:when>
      <xsl:when test="$ref = 'technical-procedural-measures'">2</xsl:when>
      <xsl:when test="$ref = 'organizational-structures'">3</xsl:when>
      <xsl:when test="$ref = 'capacity-building'">4</xsl:when>
      <xsl:when test="$ref = 'international-cooperation'">5</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- An ITU Sector: "ITU-D, Telecommunication Development Sector". -->
  <xsl:template name="label-sector">
    <xsl:param name="ref"/>
    <xsl:value-of select="$ref"/>
    <xsl:choose>
      <xsl:when test="$ref = 'ITU-R'">, Radiocommunication Sector</xsl:when>
      <xsl:when test="$ref = 'ITU-T'">, Telecommunication Standardization Sector</xsl:when>
      <xsl:when test="$ref = 'ITU-D'">, Telecommunication Development Sector</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A workflow state, as the status of one document. -->
  <xsl:template name="label-state">
    <xsl:param name="state"/>
    <xsl:choose>
      <xsl:when test="$state = 'draft'">Draft</xsl:when>
      <xsl:when test="$state = 'submitted'">Submitted to the Secretary-General</xsl:when>
      <xsl:when test="$state = 'considered'">Considered by the Sectors</xsl:when>
      <xsl:when test="$state = 'withdrawn'">Withdrawn</xsl:when>
      <xsl:otherwise><xsl:value-of select="$state"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A workflow state after a count: "3 in draft". -->
  <xsl:template name="label-state-count">
    <xsl:param name="state"/>
    <xsl:choose>
      <xsl:when test="$state = 'draft'">in draft</xsl:when>
      <xsl:when test="$state = 'submitted'">submitted</xsl:when>
      <xsl:when test="$state = 'considered'">considered by the Sectors</xsl:when>
      <xsl:otherwise><xsl:value-of select="$state"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A workflow event, as a line of a history, in lower case like the
       states beside it. -->
  <xsl:template name="label-event">
    <xsl:param name="event"/>
    <xsl:choose>
      <xsl:when test="$event = 'endorse'">endorsed</xsl:when>
      <xsl:when test="$event = 'submit'">submitted</xsl:when>
      <xsl:when test="$event = 'return'">returned</xsl:when>
      <xsl:when test="$event = 'consider'">considered</xsl:when>
      <xsl:when test="$event = 'withdraw'">withdrawn</xsl:when>
      <xsl:otherwise><xsl:value-of select="$event"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a Sector decided when it considered a document, in lower
       case. -->
  <xsl:template name="label-outcome">
    <xsl:param name="outcome"/>
    <xsl:choose>
      <xsl:when test="$outcome = 'refine'">refine</xsl:when>
      <xsl:when test="$outcome = 'validate'">validate</xsl:when>
      <xsl:when test="$outcome = 'implement'">implement</xsl:when>
      <xsl:when test="$outcome = 'no-action'">no action</xsl:when>
      <xsl:otherwise><xsl:value-of select="$outcome"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "full consensus" or "partial consensus". -->
  <xsl:template name="label-consensus">
    <xsl:param name="consensus"/>
    <xsl:choose>
      <xsl:when test="$consensus = 'full'">full consensus</xsl:when>
      <xsl:when test="$consensus = 'partial'">partial consensus</xsl:when>
      <xsl:otherwise><xsl:value-of select="$consensus"/> consensus</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The kind of the context document: "Proposal", "Progress report". -->
  <xsl:template name="label-kind">
    <xsl:choose>
      <xsl:when test="self::h:proposal">Proposal</xsl:when>
      <xsl:when test="@kind = 'progress'">Progress report</xsl:when>
      <xsl:when test="@kind = 'strategic'">Strategic report</xsl:when>
      <xsl:when test="@kind = 'chairman'">Chairman's report</xsl:when>
      <xsl:when test="@kind = 'briefing'">Briefing report</xsl:when>
      <xsl:otherwise>Report</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       Dates, people, status
       ================================================================ -->

  <!-- An ISO date (2008-04-10) in words: "10 April 2008".  Anything
       else is written as it is. -->
  <xsl:template name="date-in-words">
    <xsl:param name="date"/>
    <xsl:variable name="d" select="normalize-space($date)"/>
    <xsl:variable name="month" select="number(substring($d, 6, 2))"/>
    <xsl:variable name="day" select="number(substring($d, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($d) = 10
          and translate($d, '0123456789', '') = '--'
          and substring($d, 5, 1) = '-'
          and $month &gt;= 1 and $month &lt;= 12
          and $day &gt;= 1 and $day &lt;= 31">
        <xsl:value-of select="concat($day, ' ',
            normalize-space(substring('January  February March    April    May      June     July     August   SeptemberOctober  November December ',
                ($month - 1) * 9 + 1, 9)),
            ' ', substring($d, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$d"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The latest of the ISO dates in nodes, as the greatest number their
       digits make (math:max, in one pass; no sort); the first date when
       none is an ISO date. -->
  <xsl:template name="latest-date">
    <xsl:param name="nodes"/>
    <xsl:variable name="iso"
        select="$nodes[string-length(normalize-space(.)) = 10
            and translate(normalize-space(.), '0123456789', '') = '--']"/>
    <xsl:choose>
      <xsl:when test="$iso">
        <xsl:variable name="numbers">
          <xsl:for-each select="$iso">
            <n><xsl:value-of select="translate(normalize-space(.), '-', '')"/></n>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="max" select="math:max(exsl:node-set($numbers)/n)"/>
        <xsl:value-of
            select="normalize-space($iso[translate(normalize-space(.), '-', '') = $max][1])"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($nodes[normalize-space(.) != ''][1])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A member or official by id: the name a collection's history gives
       them, or the id alone.  The name is looked up in the document
       read, whatever the context node. -->
  <xsl:template name="person-name">
    <xsl:param name="id"/>
    <xsl:variable name="name">
      <xsl:for-each select="$hleg-source">
        <xsl:choose>
          <xsl:when test="function-available('hp:key-first')">
            <xsl:value-of
                select="normalize-space(hp:key-first('hleg-actors', $id)/@actor-name)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of
                select="normalize-space(key('hleg-actors', $id)[1]/@actor-name)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$name != ''">
        <xsl:value-of select="concat($name, ' (', $id, ')')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$id"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The status of the context document: its state, and what the
       Sectors decided so far, from the collection's history or else
       from the document's own workflow record:
       "Considered by the Sectors (ITU-T: refine; ITU-D: implement)". -->
  <xsl:template name="document-status">
    <xsl:choose>
      <xsl:when test="function-available('hp:key')">
        <xsl:call-template name="document-status-of">
          <xsl:with-param name="events" select="hp:key('hleg-events', @id)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="document-status-of">
          <xsl:with-param name="events" select="key('hleg-events', @id)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The same, given the events of the context document in the
       collection's history. -->
  <xsl:template name="document-status-of">
    <xsl:param name="events"/>
    <xsl:variable name="considered"
        select="$events[@event = 'consider' and @sector]
            | h:workflow/h:step[not($events)][@event = 'consider' and @sector]"/>
    <xsl:call-template name="label-state">
      <xsl:with-param name="state" select="h:workflow/@state"/>
    </xsl:call-template>
    <xsl:if test="$considered and not(h:workflow/@state = 'draft')">
      <xsl:text> (</xsl:text>
      <xsl:for-each select="$considered">
        <xsl:if test="position() &gt; 1">; </xsl:if>
        <xsl:value-of select="@sector"/>
        <xsl:if test="@outcome">
          <xsl:text>: </xsl:text>
          <xsl:call-template name="label-outcome">
            <xsl:with-param name="outcome" select="@outcome"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The status of the documents of the context collection, counted by
       state in the workflow's order, then other states in the order the
       documents first name them: "13 documents: 6 in draft, 4
       submitted, 2 considered by the Sectors, 1 withdrawn".  The states
       are told apart by set:distinct, in one pass, and counted by key. -->
  <xsl:template name="collection-status">
    <xsl:variable name="records" select="h:proposal/h:workflow | h:report/h:workflow"/>
    <xsl:variable name="n" select="count($records)"/>
    <xsl:variable name="states" select="set:distinct($records/@state)"/>
    <xsl:variable name="stock"
        select="$states[. = 'draft' or . = 'submitted' or . = 'considered'
            or . = 'withdrawn']"/>
    <xsl:variable name="several" select="$n &gt; 1 and count($states) &gt; 1"/>
    <xsl:value-of select="$n"/>
    <xsl:choose>
      <xsl:when test="$n = 0"> documents</xsl:when>
      <xsl:when test="$n = 1"> document, </xsl:when>
      <xsl:when test="count($states) = 1"> documents, all </xsl:when>
      <xsl:otherwise> documents: </xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="$states[. = 'draft']">
      <xsl:call-template name="state-count">
        <xsl:with-param name="first" select="true()"/>
        <xsl:with-param name="several" select="$several"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$states[. = 'submitted']">
      <xsl:call-template name="state-count">
        <xsl:with-param name="first" select="not($states[. = 'draft'])"/>
        <xsl:with-param name="several" select="$several"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$states[. = 'considered']">
      <xsl:call-template name="state-count">
        <xsl:with-param name="first"
            select="not($states[. = 'draft' or . = 'submitted'])"/>
        <xsl:with-param name="several" select="$several"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$states[. = 'withdrawn']">
      <xsl:call-template name="state-count">
        <xsl:with-param name="first"
            select="not($states[. = 'draft' or . = 'submitted'
                or . = 'considered'])"/>
        <xsl:with-param name="several" select="$several"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$states[not(. = 'draft' or . = 'submitted'
        or . = 'considered' or . = 'withdrawn')]">
      <xsl:call-template name="state-count">
        <xsl:with-param name="first" select="not($stock) and position() = 1"/>
        <xsl:with-param name="several" select="$several"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- One state of collection-status, the context node its @state:
       "4 submitted", after ", " unless it is the first. -->
  <xsl:template name="state-count">
    <xsl:param name="first"/>
    <xsl:param name="several"/>
    <xsl:if test="not($first)">, </xsl:if>
    <xsl:if test="$several">
      <xsl:call-template name="hleg-key-count">
        <xsl:with-param name="name" select="'hleg-states'"/>
        <xsl:with-param name="value" select="string(.)"/>
      </xsl:call-template>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:call-template name="label-state-count">
      <xsl:with-param name="state" select="string(.)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  brief-html.xsl - a proposal, report or collection (urn:hleg:1) as a
  briefing paper to the ITU Secretary-General: one self-contained HTML5
  file (no font, image, script or style sheet is fetched), print-ready
  with CSS paged media (A4, a running header with the paper's title and
  date, "page N of M") for WeasyPrint, and readable in a browser.

  The paper: a cover (ITU, the Global Cybersecurity Agenda and the
  High-Level Experts Group; addressed to the Secretary-General; date,
  status); a table of contents for a collection; an executive summary;
  each document with its work areas and Sectors, its sections and its
  recommendations, numbered as the document numbers them, with the party
  addressed, the consensus and the minority view set apart; an annex
  with each document's status and event history, from the collection's
  history when it has one, else from the document's workflow record.

  Parameters (strings; hleg-brief -p passes them literally):
    title           the paper's title (default: the document's title, or
                    the collection's, or "Briefing paper")
    date            the paper's date, an ISO date written in words, or
                    any text (default: the collection's date, else the
                    latest date of its documents)
    classification  a marking such as "For internal use", on the cover
                    and in the running header (default: none)
    header          a line above the cover, such as the name of a meeting

  A customisation layer imports this stylesheet by its URI,
  urn:hleg:stylesheets:brief-html.xsl, and overrides parameters, any
  template rule (every element of the vocabulary has one), the parts of
  the paper (the named templates cover, contents, executive-summary,
  annex, css) or the empty hooks user-css and user-cover.  The output
  depends on nothing but the input and the parameters.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:hleg:1"
    xmlns:str="http://exslt.org/strings"
    xmlns:hp="urn:hleg:paper"
    exclude-result-prefixes="h str hp">

  <!-- A relative reference, so that xsltproc runs the same stylesheet. -->
  <xsl:import href="brief-common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:param name="title" select="''"/>
  <xsl:param name="date" select="''"/>
  <xsl:param name="classification" select="''"/>
  <xsl:param name="header" select="''"/>

  <xsl:variable name="collection" select="/h:collection"/>
  <xsl:variable name="documents"
      select="/h:proposal | /h:report | /h:collection/h:proposal
          | /h:collection/h:report"/>

  <!-- Headings of a document's parts: h2 in a paper of one document, h3
       under the document's own h2 in a collection. -->
  <xsl:variable name="part-level" select="2 + count($collection)"/>

  <xsl:variable name="paper-title">
    <xsl:choose>
      <xsl:when test="normalize-space($title) != ''">
        <xsl:value-of select="normalize-space($title)"/>
      </xsl:when>
      <xsl:when test="$collection and normalize-space($collection/h:title) != ''">
        <xsl:value-of select="normalize-space($collection/h:title)"/>
      </xsl:when>
      <xsl:when test="$collection">Briefing paper</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($documents[1]/h:title)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="paper-date">
    <xsl:choose>
      <xsl:when test="normalize-space($date) != ''">
        <xsl:value-of select="normalize-space($date)"/>
      </xsl:when>
      <xsl:when test="normalize-space($collection/h:date) != ''">
        <xsl:value-of select="normalize-space($collection/h:date)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="latest-date">
          <xsl:with-param name="nodes" select="$documents/h:date"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- ================================================================
       The page
       ================================================================ -->

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="h:proposal | h:report | h:collection">
        <xsl:call-template name="page"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">the document is not a proposal, report or collection</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="normalize-space(/*/@xml:lang) != ''">
            <xsl:value-of select="normalize-space(/*/@xml:lang)"/>
          </xsl:when>
          <xsl:otherwise>en</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <title>
          <xsl:value-of select="$paper-title"/>
        </title>
        <style>
          <xsl:call-template name="css"/>
          <xsl:call-template name="css-controls"/>
          <xsl:call-template name="user-css"/>
        </style>
      </head>
      <body class="{local-name(/*)}">
        <xsl:call-template name="cover"/>
        <xsl:if test="$collection">
          <xsl:call-template name="contents"/>
        </xsl:if>
        <xsl:call-template name="executive-summary"/>
        <xsl:apply-templates select="$documents" mode="document"/>
        <xsl:call-template name="annex"/>
      </body>
    </html>
  </xsl:template>

  <!-- The controls a document holds (bidirectional overrides, C0 and
       C1 controls, tabs) are never written as they are: hleg-brief
       writes each as \ooo, the bytes of its UTF-8 in octal, as its
       messages do, in an element of class hleg-control whose title names
       it.  They are shown boxed, in print and on the screen; a layer
       that replaces the css template keeps this one. -->
  <xsl:template name="css-controls">
    <xsl:text>
.hleg-control {
  font-family: "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 85%;
  font-style: normal;
  font-weight: bold;
  color: #8b1a1a;
  background: #fbeaea;
  border: .5pt solid #8b1a1a;
  padding: 0 .15em;
  white-space: nowrap;
}
</xsl:text>
  </xsl:template>

  <!-- Hooks for a customisation layer: CSS added after the stock CSS,
       and content at the end of the cover. -->
  <xsl:template name="user-css"/>
  <xsl:template name="user-cover"/>

  <!-- ================================================================
       The cover
       ================================================================ -->

  <xsl:template name="cover">
    <div class="cover" role="banner">
      <xsl:if test="normalize-space($header) != ''">
        <p class="header-line">
          <xsl:value-of select="normalize-space($header)"/>
        </p>
      </xsl:if>
      <p class="organisation">International Telecommunication Union</p>
      <p class="programme">Global Cybersecurity Agenda<br/>High-Level Experts Group</p>
      <xsl:if test="normalize-space($classification) != ''">
        <p class="classification">
          <xsl:value-of select="normalize-space($classification)"/>
        </p>
      </xsl:if>
      <p class="paper-kind">
        <xsl:choose>
          <xsl:when test="$collection">Briefing paper</xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="$documents[1]">
              <xsl:call-template name="label-kind"/>
              <xsl:value-of select="concat(' ', @id)"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <h1 class="paper-title">
        <xsl:value-of select="$paper-title"/>
      </h1>
      <p class="addressee">To the Secretary-General</p>
      <table class="facts cover-facts">
        <tr>
          <th scope="row">Date</th>
          <td class="paper-date">
            <xsl:call-template name="date-in-words">
              <xsl:with-param name="date" select="$paper-date"/>
            </xsl:call-template>
          </td>
        </tr>
        <tr>
          <th scope="row">Status</th>
          <td class="paper-status">
            <xsl:choose>
              <xsl:when test="$collection">
                <xsl:for-each select="$collection">
                  <xsl:call-template name="collection-status"/>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <xsl:for-each select="$documents[1]">
                  <xsl:call-template name="document-status"/>
                </xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
          </td>
        </tr>
        <xsl:choose>
          <xsl:when test="$collection">
            <xsl:if test="$collection/@revision">
              <tr>
                <th scope="row">Revision</th>
                <td><code><xsl:value-of select="$collection/@revision"/></code></td>
              </tr>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="$documents[1]">
              <xsl:call-template name="document-facts"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </table>
      <xsl:call-template name="user-cover"/>
    </div>
  </xsl:template>

  <!-- Rows of a facts table for the context document: who wrote it, its
       work areas and Sectors, its meeting. -->
  <xsl:template name="document-facts">
    <xsl:call-template name="fact-people">
      <xsl:with-param name="label" select="'Rapporteurs'"/>
      <xsl:with-param name="refs" select="h:rapporteur"/>
    </xsl:call-template>
    <xsl:call-template name="fact-people">
      <xsl:with-param name="label" select="'Authors'"/>
      <xsl:with-param name="refs" select="h:author"/>
    </xsl:call-template>
    <xsl:if test="h:work-area">
      <tr>
        <th scope="row">Work areas</th>
        <td class="work-areas">
          <xsl:for-each select="h:work-area">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:call-template name="label-work-area">
              <xsl:with-param name="ref" select="@ref"/>
            </xsl:call-template>
          </xsl:for-each>
        </td>
      </tr>
    </xsl:if>
    <xsl:if test="h:sector">
      <tr>
        <th scope="row">Sectors</th>
        <td class="sectors">
          <xsl:for-each select="h:sector">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:call-template name="label-sector">
              <xsl:with-param name="ref" select="@ref"/>
            </xsl:call-template>
          </xsl:for-each>
        </td>
      </tr>
    </xsl:if>
    <xsl:for-each select="h:meeting">
      <tr>
        <th scope="row">Meeting</th>
        <td>
          <xsl:value-of select="concat(normalize-space(@place), ', ')"/>
          <xsl:call-template name="date-in-words">
            <xsl:with-param name="date" select="@date"/>
          </xsl:call-template>
        </td>
      </tr>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="fact-people">
    <xsl:param name="label"/>
    <xsl:param name="refs"/>
    <xsl:if test="$refs">
      <tr>
        <th scope="row">
          <xsl:value-of select="$label"/>
        </th>
        <td>
          <xsl:for-each select="$refs">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:call-template name="person-name">
              <xsl:with-param name="id" select="@ref"/>
            </xsl:call-template>
          </xsl:for-each>
        </td>
      </tr>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       Contents and executive summary
       ================================================================ -->

  <xsl:template name="contents">
    <div class="contents" id="contents" role="navigation">
      <h2>Contents</h2>
      <ul class="toc">
        <li class="toc-part"><a href="#summary">Executive summary</a></li>
        <xsl:for-each select="$documents">
          <li class="toc-document">
            <a href="#{@id}">
              <span class="toc-id">
                <xsl:value-of select="@id"/>
              </span>
              <xsl:text> </xsl:text>
              <span class="toc-title">
                <xsl:value-of select="normalize-space(h:title)"/>
              </span>
            </a>
            <xsl:text> </xsl:text>
            <span class="toc-state">
              <xsl:call-template name="label-kind"/>
              <xsl:text>, </xsl:text>
              <xsl:call-template name="label-state">
                <xsl:with-param name="state" select="h:workflow/@state"/>
              </xsl:call-template>
            </span>
          </li>
        </xsl:for-each>
        <li class="toc-part"><a href="#annex">Annex: status and history of the documents</a></li>
      </ul>
    </div>
  </xsl:template>

  <xsl:template name="executive-summary">
    <div class="executive-summary" id="summary">
      <h2>Executive summary</h2>
      <xsl:choose>
        <xsl:when test="$collection">
          <xsl:variable name="recommendations"
              select="$documents/h:recommendation"/>
          <p class="overview">
            <xsl:text>This paper brings together </xsl:text>
            <xsl:for-each select="$collection">
              <xsl:call-template name="collection-status"/>
            </xsl:for-each>
            <xsl:text>. </xsl:text>
            <xsl:choose>
              <xsl:when test="count($recommendations) = 1">They make one recommendation</xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat('They make ', count($recommendations), ' recommendations')"/>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:variable name="partial"
                select="count($recommendations[@consensus != 'full'])"/>
            <xsl:choose>
              <xsl:when test="$partial = 0">, all with the full consensus of the Group.</xsl:when>
              <xsl:when test="$partial = 1">, one of them without the full consensus of the Group.</xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat(', ', $partial, ' of them without the full consensus of the Group.')"/>
              </xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:for-each select="$documents">
            <div class="summary-of">
              <h3>
                <a href="#{@id}">
                  <xsl:value-of select="normalize-space(h:title)"/>
                </a>
              </h3>
              <p class="summary-meta">
                <xsl:call-template name="label-kind"/>
                <xsl:value-of select="concat(' ', @id, ' · ')"/>
                <xsl:call-template name="date-in-words">
                  <xsl:with-param name="date" select="h:date"/>
                </xsl:call-template>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="document-status"/>
              </p>
              <xsl:apply-templates select="h:summary/h:*"/>
            </div>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$documents/h:summary/h:*"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- ================================================================
       The documents
       ================================================================ -->

  <!-- A document's body; its summary is in the executive summary.

       The anchors of documents, sections, recommendations and histories
       are written as ID, which HTML reads as id: libxml2 2.9 files every
       "id" of an HTML result tree in a dictionary that stops growing at
       16,384 buckets, so a paper of 400,000 sections took 22 s where the
       same paper with ID takes 5 s (tests/paper-html.bats, sections). -->
  <xsl:template match="h:proposal | h:report" mode="document">
    <div class="document {local-name()}" ID="{@id}">
      <xsl:if test="$collection and normalize-space(@xml:lang) != ''">
        <xsl:attribute name="lang">
          <xsl:value-of select="normalize-space(@xml:lang)"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="$collection">
        <p class="document-kind">
          <xsl:call-template name="label-kind"/>
          <xsl:value-of select="concat(' ', @id)"/>
        </p>
        <h2 class="document-title">
          <xsl:value-of select="normalize-space(h:title)"/>
        </h2>
        <table class="facts">
          <tr>
            <th scope="row">Date</th>
            <td>
              <xsl:call-template name="date-in-words">
                <xsl:with-param name="date" select="h:date"/>
              </xsl:call-template>
            </td>
          </tr>
          <tr>
            <th scope="row">Status</th>
            <td>
              <a href="#{@id}-history">
                <xsl:call-template name="document-status"/>
              </a>
            </td>
          </tr>
          <xsl:call-template name="document-facts"/>
        </table>
      </xsl:if>
      <xsl:apply-templates select="h:background">
        <xsl:with-param name="level" select="$part-level"/>
      </xsl:apply-templates>
      <xsl:variable name="document-id" select="string(@id)"/>
      <xsl:for-each select="h:section">
        <xsl:apply-templates select=".">
          <xsl:with-param name="level" select="$part-level"/>
          <xsl:with-param name="number" select="position()"/>
          <xsl:with-param name="document-id" select="$document-id"/>
        </xsl:apply-templates>
      </xsl:for-each>
      <xsl:if test="h:recommendation">
        <div class="recommendations">
          <xsl:call-template name="heading">
            <xsl:with-param name="level" select="$part-level"/>
            <xsl:with-param name="text" select="'Recommendations'"/>
          </xsl:call-template>
          <xsl:apply-templates select="h:recommendation">
            <xsl:with-param name="level" select="$part-level + 1"/>
            <xsl:with-param name="document-id" select="string(@id)"/>
          </xsl:apply-templates>
        </div>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- An h1 to h6 element of level, holding text. -->
  <xsl:template name="heading">
    <xsl:param name="level" select="2"/>
    <xsl:param name="text"/>
    <xsl:param name="number" select="''"/>
    <xsl:param name="class" select="''"/>
    <xsl:element name="h{($level &lt;= 6) * $level + ($level &gt; 6) * 6}">
      <xsl:if test="$class != ''">
        <xsl:attribute name="class">
          <xsl:value-of select="$class"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="$number != ''">
        <span class="number">
          <xsl:value-of select="$number"/>
        </span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:value-of select="normalize-space($text)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="h:background">
    <xsl:param name="level" select="2"/>
    <div class="background">
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="$level"/>
        <xsl:with-param name="text" select="'Background'"/>
      </xsl:call-template>
      <xsl:apply-templates select="h:*"/>
    </div>
  </xsl:template>

  <!-- Sections are numbered 1, 1.1, ... within their document: the
       number comes from the parent, which counts its sections as it
       goes (xsl:number would count every earlier sibling again for
       each section), and so does the document's id (the ancestor axis
       costs more the more sections there are).  A section's blocks come
       before its sections, as the schema has them. -->
  <xsl:template match="h:section">
    <xsl:param name="level" select="2"/>
    <xsl:param name="number">
      <xsl:number level="multiple" count="h:section" format="1.1"/>
    </xsl:param>
    <xsl:param name="document-id" select="ancestor::*[@id][1]/@id"/>
    <div class="section" ID="{$document-id}-s{$number}">
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="$level"/>
        <xsl:with-param name="text" select="h:title"/>
        <xsl:with-param name="number" select="$number"/>
      </xsl:call-template>
      <xsl:apply-templates select="h:*[not(self::h:title or self::h:section)]">
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:apply-templates>
      <xsl:for-each select="h:section">
        <xsl:apply-templates select=".">
          <xsl:with-param name="level" select="$level + 1"/>
          <xsl:with-param name="number" select="concat($number, '.', position())"/>
          <xsl:with-param name="document-id" select="$document-id"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- "Recommendation 3.2", the party addressed and the consensus, the
       text, and the minority view set apart. -->
  <xsl:template match="h:recommendation">
    <xsl:param name="level" select="3"/>
    <xsl:param name="document-id" select="ancestor::*[@id][1]/@id"/>
    <div class="recommendation consensus-{@consensus}"
        ID="{$document-id}-r{@n}">
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="$level"/>
        <xsl:with-param name="text" select="concat('Recommendation ', @n)"/>
        <xsl:with-param name="class" select="'recommendation-number'"/>
      </xsl:call-template>
      <p class="recommendation-meta">
        <span class="addressed-to">
          <xsl:value-of select="concat('To ', normalize-space(@addressed-to))"/>
        </span>
        <xsl:text> · </xsl:text>
        <span class="consensus">
          <xsl:call-template name="label-consensus">
            <xsl:with-param name="consensus" select="@consensus"/>
          </xsl:call-template>
        </span>
      </p>
      <xsl:apply-templates select="h:*[not(self::h:minority-view)]"/>
      <xsl:apply-templates select="h:minority-view"/>
    </div>
  </xsl:template>

  <xsl:template match="h:minority-view">
    <div class="minority-view" role="note">
      <p class="minority-view-label">
        <xsl:text>Minority view</xsl:text>
        <xsl:if test="normalize-space(@by) != ''">
          <xsl:text> (</xsl:text>
          <xsl:for-each select="str:tokenize(@by, ' &#9;&#10;&#13;')">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:call-template name="person-name">
              <xsl:with-param name="id" select="string(.)"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </p>
      <xsl:apply-templates select="h:*"/>
    </div>
  </xsl:template>

  <!-- ================================================================
       Running text
       ================================================================ -->

  <xsl:template match="h:p">
    <p>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="h:ul">
    <ul>
      <xsl:apply-templates select="h:li"/>
    </ul>
  </xsl:template>

  <xsl:template match="h:ol">
    <ol>
      <xsl:apply-templates select="h:li"/>
    </ol>
  </xsl:template>

  <xsl:template match="h:li">
    <li>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- A table: the leading rows of headers make its head.  Their number
       is counted once, not by looking back from every row. -->
  <xsl:template match="h:table">
    <xsl:variable name="first-data" select="h:tr[h:td][1]"/>
    <xsl:variable name="heads">
      <xsl:choose>
        <xsl:when test="$first-data">
          <xsl:value-of select="count($first-data/preceding-sibling::h:tr)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="count(h:tr)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <table class="data">
      <xsl:for-each select="h:caption">
        <caption>
          <xsl:apply-templates/>
        </caption>
      </xsl:for-each>
      <xsl:if test="$heads &gt; 0">
        <thead>
          <xsl:apply-templates select="h:tr[position() &lt;= $heads]"/>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:apply-templates select="h:tr[position() &gt; $heads]"/>
      </tbody>
    </table>
  </xsl:template>

  <!-- Whether a row holds only headers is asked once for the row, not
       by each of its cells. -->
  <xsl:template match="h:tr">
    <tr>
      <xsl:apply-templates select="h:th | h:td">
        <xsl:with-param name="header-row" select="not(h:td)"/>
      </xsl:apply-templates>
    </tr>
  </xsl:template>

  <xsl:template match="h:th | h:td">
    <xsl:param name="header-row" select="not(../h:td)"/>
    <xsl:element name="{local-name()}">
      <xsl:if test="self::h:th and $header-row">
        <xsl:attribute name="scope">col</xsl:attribute>
      </xsl:if>
      <xsl:for-each select="@colspan | @rowspan">
        <xsl:if test="number(.) &gt;= 1">
          <xsl:attribute name="{local-name()}">
            <xsl:value-of select="number(.)"/>
          </xsl:attribute>
        </xsl:if>
      </xsl:for-each>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="h:note">
    <div class="note" role="note">
      <p class="note-label">Note</p>
      <xsl:apply-templates select="h:*"/>
    </div>
  </xsl:template>

  <xsl:template match="h:em | h:strong | h:code | h:q">
    <xsl:element name="{local-name()}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A link to the web or mail is kept, marked for print; any other
       address (javascript:, file:, a relative one) stays text. -->
  <xsl:template match="h:a">
    <xsl:variable name="href" select="normalize-space(@href)"/>
    <xsl:variable name="scheme"
        select="translate(substring-before($href, ':'),
            'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="($scheme = 'http' or $scheme = 'https')
          and starts-with(substring-after($href, ':'), '//')
          or $scheme = 'mailto'">
        <a href="{$href}">
          <xsl:attribute name="class">
            <xsl:text>external</xsl:text>
            <xsl:if test="normalize-space(.) = $href"> url</xsl:if>
          </xsl:attribute>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
        <xsl:if test="$href != '' and normalize-space(.) != $href">
          <xsl:text> (</xsl:text>
          <code>
            <xsl:value-of select="$href"/>
          </code>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Comments and processing instructions of documents are not part of
       the paper. -->
  <xsl:template match="comment() | processing-instruction()"/>

  <!-- ================================================================
       The annex: status and history
       ================================================================ -->

  <xsl:template name="annex">
    <div class="annex" id="annex">
      <h2>
        <xsl:text>Annex: status and history</xsl:text>
        <xsl:if test="$collection"> of the documents</xsl:if>
      </h2>
      <xsl:choose>
        <xsl:when test="$collection/h:history/h:event">
          <p class="annex-intro">The events are those that the dossier's history records, one commit each.</p>
        </xsl:when>
        <xsl:when test="$documents/h:workflow/h:step">
          <p class="annex-intro">
            <xsl:text>The events are those that the workflow record of </xsl:text>
            <xsl:choose>
              <xsl:when test="$collection">each document holds.</xsl:when>
              <xsl:otherwise>the document holds.</xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates select="$documents" mode="history"/>
    </div>
  </xsl:template>

  <xsl:template match="h:proposal | h:report" mode="history">
    <xsl:choose>
      <xsl:when test="function-available('hp:key')">
        <xsl:call-template name="history">
          <xsl:with-param name="events" select="hp:key('hleg-events', @id)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="history">
          <xsl:with-param name="events" select="key('hleg-events', @id)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The status and history of the context document, given its events
       in the collection's history. -->
  <xsl:template name="history">
    <xsl:param name="events"/>
    <xsl:variable name="rows" select="$events | h:workflow/h:step[not($events)]"/>
    <div class="history" ID="{@id}-history">
      <xsl:if test="$collection">
        <h3>
          <a href="#{@id}">
            <span class="history-id">
              <xsl:value-of select="@id"/>
            </span>
            <xsl:text> </xsl:text>
            <xsl:value-of select="normalize-space(h:title)"/>
          </a>
        </h3>
      </xsl:if>
      <p class="status">
        <span class="label">Status: </span>
        <xsl:call-template name="document-status"/>
      </p>
      <xsl:choose>
        <xsl:when test="$rows">
          <table class="data events">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Event</th>
                <th scope="col">State</th>
                <th scope="col">By</th>
                <th scope="col">Sector</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$rows" mode="history"/>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="no-events">No workflow event has been recorded since the document was first drafted.</p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- One event: from a collection's history (actor, actor-name) or a
       document's workflow record (by); a note follows on a row of its
       own. -->
  <xsl:template match="h:event | h:step" mode="history">
    <tr class="event">
      <td class="date">
        <xsl:call-template name="date-in-words">
          <xsl:with-param name="date" select="@date"/>
        </xsl:call-template>
      </td>
      <td>
        <xsl:call-template name="label-event">
          <xsl:with-param name="event" select="@event"/>
        </xsl:call-template>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="@from = @to">
            <xsl:value-of select="@to"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat(@from, ' → ', @to)"/>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="normalize-space(@actor-name) != ''">
            <xsl:value-of select="concat(normalize-space(@actor-name),
                ' (', @actor, ')')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="person-name">
              <xsl:with-param name="id" select="@actor | @by"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <xsl:value-of select="@sector"/>
      </td>
      <td>
        <xsl:if test="@outcome">
          <xsl:call-template name="label-outcome">
            <xsl:with-param name="outcome" select="@outcome"/>
          </xsl:call-template>
        </xsl:if>
      </td>
    </tr>
    <xsl:if test="normalize-space(h:note) != ''">
      <tr class="event-note">
        <td></td>
        <td colspan="5">
          <span class="label">Note: </span>
          <xsl:value-of select="normalize-space(h:note)"/>
        </td>
      </tr>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       Style: print (WeasyPrint) first, then the screen
       ================================================================ -->

  <xsl:template name="css">
    <xsl:text>
@page {
  size: A4;
  margin: 24mm 20mm 22mm 24mm;
  @top-left {
    content: string(paper-title);
    font: 8pt/1.3 "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
    color: #555;
    vertical-align: bottom;
    padding-bottom: 5mm;
  }
  @top-right {
    content: </xsl:text>
    <!-- The classification goes before the date, not in a box of its
         own in the middle, which would take room from the title. -->
    <xsl:if test="normalize-space($classification) != ''">
      <xsl:text>string(classification) " · " </xsl:text>
    </xsl:if>
    <xsl:text>string(paper-date);
    font: 8pt/1.3 "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
    color: #555;
    vertical-align: bottom;
    padding-bottom: 5mm;
  }
  @bottom-right {
    content: "page " counter(page) " of " counter(pages);
    font: 8pt/1.3 "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
    color: #555;
    vertical-align: top;
    padding-top: 5mm;
  }
}
@page :first {
  @top-left { content: none; }
  @top-right { content: none; }
}
html {
  font-family: "Liberation Serif", "Times New Roman", Times, "DejaVu Serif", serif;
  font-size: 11pt;
  line-height: 1.45;
  color: #1a1a1a;
  background: #fff;
}
body { margin: 0; }
h1, h2, h3, h4, h5, h6, .cover, .toc, .facts th, table.data th,
.recommendation-meta, .minority-view-label, .note-label, .summary-meta,
.document-kind, .annex .status .label, .event-note .label {
  font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
}
h1, h2, h3, h4, h5, h6 {
  line-height: 1.25;
  font-weight: bold;
  color: #0b2f5b;
  break-after: avoid;
  page-break-after: avoid;
}
h1 { font-size: 21pt; margin: .3em 0 .5em; }
h2 { font-size: 15pt; margin: 1.6em 0 .6em; }
h3 { font-size: 12.5pt; margin: 1.4em 0 .45em; }
h4 { font-size: 11pt; margin: 1.2em 0 .35em; }
h5, h6 { font-size: 10.5pt; margin: 1em 0 .3em; }
h2 .number, h3 .number, h4 .number, h5 .number, h6 .number {
  display: inline-block;
  min-width: 1.9em;
  color: #555;
}
p { margin: 0 0 .65em; orphans: 3; widows: 3; }
p, li, td, th, caption { overflow-wrap: break-word; }
ul, ol { margin: 0 0 .75em; padding-left: 1.6em; }
li { margin: 0 0 .25em; }
li > ul, li > ol { margin: .25em 0 0; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 88%; }
a { color: #0b4f9c; text-decoration: none; }
a:hover { text-decoration: underline; }

/* The cover. */
.cover { border-top: 5pt solid #0b2f5b; padding-top: 6mm; margin-bottom: 10mm; }
.cover p { margin: 0; }
.header-line { font-size: 9.5pt; color: #555; margin-bottom: 4mm !important; }
.organisation { font-size: 14pt; font-weight: bold; color: #0b2f5b; letter-spacing: .01em; }
.programme { font-size: 10.5pt; color: #444; margin-top: .2em !important; }
.classification {
  display: inline-block;
  margin-top: 8mm !important;
  padding: .15em .6em;
  border: 1pt solid #8b1a1a;
  color: #8b1a1a;
  font-size: 9pt;
  font-weight: bold;
  text-transform: uppercase;
  letter-spacing: .06em;
  string-set: classification content();
}
.paper-kind {
  margin-top: 16mm !important;
  font-size: 9pt;
  color: #555;
  text-transform: uppercase;
  letter-spacing: .08em;
}
h1.paper-title { string-set: paper-title content(); }
.addressee { font-size: 12pt; margin: .2em 0 1.2em !important; }
.paper-date { string-set: paper-date content(); }

/* Tables of facts: label and value, no rules. */
table { border-collapse: collapse; }
table.facts { margin: 0 0 1.2em; font-size: 10pt; }
table.facts th {
  text-align: left;
  vertical-align: baseline;
  font-weight: normal;
  font-size: 9pt;
  color: #555;
  padding: .2em 1.2em .2em 0;
  white-space: nowrap;
}
table.facts td { padding: .2em 0; vertical-align: baseline; }

/* Tables of the documents and of the annex. */
table.data { width: 100%; margin: .5em 0 1em; font-size: 9.5pt; line-height: 1.35; }
table.data caption {
  caption-side: top;
  text-align: left;
  font-style: italic;
  padding: 0 0 .35em;
}
table.data th, table.data td {
  border: .5pt solid #9a9a9a;
  padding: .3em .5em;
  text-align: left;
  vertical-align: top;
}
table.data th { background: #e9eef4; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }

/* Contents. */
ul.toc { list-style: none; padding: 0; margin: 0 0 1em; }
ul.toc li { margin: 0 0 .45em; }
.toc-part { font-weight: bold; }
.toc-id { font-size: 8.5pt; color: #555; }
.toc-title { color: #1a1a1a; }
.toc-state { display: block; font-size: 8.5pt; color: #666; }

/* Executive summary and documents. */
.summary-of h3 { margin-bottom: .15em; }
.summary-of h3 a { color: inherit; }
.summary-meta, .document-kind { font-size: 8.5pt; color: #555; margin: 0 0 .5em; }
.summary-meta { break-after: avoid; page-break-after: avoid; }
.document-kind { text-transform: uppercase; letter-spacing: .08em; margin-top: 0; }
.collection .document h2.document-title { margin-top: .2em; }

/* Recommendations. */
.recommendation {
  margin: 1em 0 1.3em;
  padding: 0 0 0 .9em;
  border-left: 2.5pt solid #0b2f5b;
}
.recommendation.consensus-partial { border-left-color: #9a6a1c; }
h3.recommendation-number, h4.recommendation-number, h5.recommendation-number {
  margin: 0 0 .1em;
  font-size: 11pt;
}
.recommendation-meta {
  font-size: 9pt;
  color: #444;
  margin: 0 0 .45em;
  break-after: avoid;
  page-break-after: avoid;
}
.consensus-partial .consensus { font-weight: bold; color: #7a4e0c; }
.minority-view {
  margin: .7em 0 .3em;
  padding: .5em .8em .1em;
  background: #f4f1ea;
  border-left: 1.5pt dashed #9a6a1c;
  font-size: 10pt;
  break-inside: avoid;
  page-break-inside: avoid;
}
.minority-view-label, .note-label {
  font-size: 8pt;
  font-weight: bold;
  text-transform: uppercase;
  letter-spacing: .07em;
  color: #6b4a12;
  margin: 0 0 .3em;
}
.note {
  margin: .8em 0;
  padding: .5em .8em .1em;
  border: .5pt solid #b5b5b5;
  background: #f6f6f6;
  font-size: 10pt;
  break-inside: avoid;
  page-break-inside: avoid;
}
.note-label { color: #444; }

/* The annex. */
.annex .status .label, .event-note .label { font-weight: bold; font-size: 9pt; }
.history h3 { font-size: 11pt; }
.history h3 a { color: inherit; }
.history-id { color: #555; font-weight: normal; }
.history .status { break-after: avoid; page-break-after: avoid; }
table.events th:nth-child(1) { width: 17%; }
table.events th:nth-child(2) { width: 13%; }
table.events th:nth-child(3) { width: 20%; }
table.events th:nth-child(4) { width: 26%; }
table.events th:nth-child(5) { width: 10%; }
table.events td.date { white-space: nowrap; }
table.events tr.event-note td { border-top: none; font-style: italic; }
table.events tr.event { break-after: avoid; page-break-after: avoid; }
.no-events { font-style: italic; color: #444; }

@media print {
  .collection .executive-summary, .collection .document, .collection .annex {
    break-before: page;
    page-break-before: always;
  }
  .contents a::after {
    content: leader(".") target-counter(attr(href), page);
    color: #555;
  }
  a.external:not(.url)::after {
    content: " (" attr(href) ")";
    font-size: 85%;
    color: #444;
  }
}
@media screen {
  body { max-width: 44em; margin: 2.5em auto 4em; padding: 0 1.5em; }
  .collection .executive-summary, .collection .document, .annex {
    margin-top: 3em;
    padding-top: 1em;
    border-top: 1px solid #c8c8c8;
  }
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>

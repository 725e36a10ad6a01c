<?xml version="1.0" encoding="UTF-8"?>
<!-- audit-text.xsl - an audit document (hleg-verify's xml option) as a plain
     report, one finding a line, for a mail to the secretariat:

	RULE COMMIT FILE[:LINE] MESSAGE

     xsltproc audit-text.xsl audit.xml -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:hleg:1">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/h:audit">
    <xsl:text>Audit of </xsl:text>
    <xsl:value-of select="@commits"/>
    <xsl:text> commits: </xsl:text>
    <xsl:choose>
      <xsl:when test="@errors = 0">every one legal.&#10;</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@errors"/>
        <xsl:text> errors.&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="h:finding"/>
  </xsl:template>

  <xsl:template match="h:finding">
    <xsl:value-of select="@rule"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring(@commit, 1, 8)"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="@path">
        <xsl:value-of select="@path"/>
        <xsl:if test="@line">
          <xsl:text>:</xsl:text>
          <xsl:value-of select="@line"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>-</xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:value-of select="."/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>

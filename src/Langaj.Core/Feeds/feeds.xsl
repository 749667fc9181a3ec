<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS 2.0 or Atom feed opened in a browser as a page: what it is, the address to subscribe
     to, and its articles. Readers ignore it; XSLT 1.0 because that is what browsers run. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
    <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
    <html lang="{rss/channel/language | atom:feed/@xml:lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
          .subscribe { background: #eef3fb; border: 1px solid #9db4d8; padding: 0.75rem 1rem; }
          code { word-break: break-all; }
          a { color: #0b4ea2; }
          li { margin: 0 0 1rem; }
          time { color: #4a4a4a; }
        </style>
      </head>
      <body>
        <h1><xsl:value-of select="$title"/></h1>
        <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
        <p class="subscribe">This is a news feed. To follow it, copy its address into your feed reader:
          <code><xsl:value-of select="$self"/></code></p>
        <h2>Articles</h2>
        <ul>
          <xsl:for-each select="rss/channel/item">
            <li>
              <a href="{link}"><xsl:value-of select="title"/></a><br/>
              <time><xsl:value-of select="pubDate"/></time>
              <xsl:text> </xsl:text><xsl:value-of select="description"/>
            </li>
          </xsl:for-each>
          <xsl:for-each select="atom:feed/atom:entry">
            <li>
              <a href="{atom:link[@rel='alternate' or not(@rel)]/@href}"><xsl:value-of select="atom:title"/></a><br/>
              <time><xsl:value-of select="atom:published | atom:updated[not(../atom:published)]"/></time>
              <xsl:text> </xsl:text><xsl:value-of select="atom:summary"/>
            </li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>

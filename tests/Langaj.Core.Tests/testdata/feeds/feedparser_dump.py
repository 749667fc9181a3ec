"""Parses a feed file with feedparser and prints what a reader would see, as JSON."""
import calendar
import json
import sys

import feedparser


def when(parsed):
    return None if parsed is None else calendar.timegm(parsed)


d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": int(d.bozo),
    "bozo_exception": repr(d.get("bozo_exception")),
    "version": d.version,
    "feed": {
        "title": d.feed.get("title"),
        "language": d.feed.get("language"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
    },
    "entries": [{
        "id": e.get("id"),
        "title": e.get("title"),
        "link": e.get("link"),
        "published": when(e.get("published_parsed")),
        "updated": when(e.get("updated_parsed")),
        "content": [c.get("value") for c in e.get("content", [])],
        "summary": e.get("summary"),
        "authors": [a.get("name") for a in e.get("authors", [])],
        "tags": [t.get("term") for t in e.get("tags", [])],
        "enclosures": [{"href": x.get("href"), "type": x.get("type")} for x in e.get("enclosures", [])],
    } for e in d.entries],
}, ensure_ascii=False))

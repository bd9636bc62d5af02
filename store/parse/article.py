"""The Article record: the public JSON contract of ``yuebao parse`` and the stored corpus.

Keys (all always present):
``id``, ``title``, ``subtitles``, ``byline``, ``dateline``, ``body``, ``captions``,
``source``, ``sources``, ``newspaper``, ``date``, ``page``, ``truncated`` (and ``entities``
once extracted). ``sources`` lists the files the article was read from: ``[source]``, or
two files when a continuation on another page was joined (``store.parse.continuations``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

ARTICLE_KEYS: tuple[str, ...] = (
    "id",
    "title",
    "subtitles",
    "byline",
    "dateline",
    "body",
    "captions",
    "source",
    "sources",
    "newspaper",
    "date",
    "page",
    "truncated",
)

_WS = re.compile(r"\s+")


def article_id(title: str, body: str) -> str:
    """Stable id: a hash of the whitespace-free title and body (same text, same id)."""
    normalised = _WS.sub("", title) + "\x00" + _WS.sub("", body)
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(slots=True)
class Article:
    """One article as the segmenter found it on a page."""

    title: str = ""
    subtitles: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    dateline: str = ""
    body: str = ""
    captions: list[str] = field(default_factory=list)
    source: str = ""
    sources: list[str] = field(default_factory=list)  # empty means [source]
    newspaper: str = ""
    date: str = ""
    page: str = ""
    truncated: bool = False

    @property
    def id(self) -> str:
        """The stable content id (see ``article_id``)."""
        return article_id(self.title, self.body)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form, keys in contract order."""
        data = asdict(self)
        data["id"] = self.id
        data["sources"] = list(self.sources) or ([self.source] if self.source else [])
        return {key: data[key] for key in ARTICLE_KEYS}


@dataclass(slots=True)
class ParsedFile:
    """The result of segmenting one file: its articles and what could not be placed."""

    source: str
    articles: list[Article] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    encoding: str = "utf-8"

"""Named entities in news text: people, places and organisations, with aliases merged.

- ``extract(text)`` finds entity mentions (``Entity``: text, type, start, end).
- ``article_entities(article)`` gives one record per entity of an article: canonical
  ``name``, ``type``, ``aliases`` (surface forms), ``count``, ``spans`` into ``body``,
  ``role`` (``"byline"`` for reporters named in the byline) and a person's ``titles``.
- ``corpus_entities(articles)`` merges those records across articles for the sidebar.

The tagger is a character CRF over jieba word and gazetteer features plus rules
(``store.entities``). Importing this module loads neither jieba nor the model: both are loaded
on first use, once per process, so opening a corpus with stored entities stays instant and
worker processes can call ``article_entities`` freely.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

ENTITY_TYPES: tuple[str, ...] = ("person", "place", "org")

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Entity:
    """One mention: ``text == source[start:end]``; ``type`` is person, place or org."""

    text: str
    type: str
    start: int
    end: int


def _spans(text: str) -> list[tuple[int, int, str]]:
    from store.entities.pipeline import find_spans

    return find_spans(text)


def extract(text: str) -> list[Entity]:
    """Entity mentions in ``text``, in order. Deterministic; never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        spans = _spans(text)
    except Exception:  # a bug must not take a corpus load down with it
        _log.exception("entity extraction failed on %d characters", len(text))
        return []
    return [Entity(text[s:e], kind, s, e) for s, e, kind in spans]


def article_entities(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Entity records of one article (offsets into ``article["body"]``).

    Each record: ``{"name", "type", "aliases", "count", "spans", "role", "titles"}``;
    ``count`` is the number of mentions in the body plus one for a byline; byline reporters
    have role ``"byline"`` and empty ``spans`` unless the body names them too; ``titles``
    are the offices the text gives a person before its name (``副市长``; ``[]`` for places,
    organisations and reporters). Safe in worker
    processes (jieba and the model load lazily in each).
    """
    from store.entities.aliases import declared
    from store.entities.merge import article_records

    body = article.get("body") if isinstance(article, dict) else None
    body = body if isinstance(body, str) else ""
    byline = article.get("byline") if isinstance(article, dict) else None
    if isinstance(byline, str):
        byline = [byline]
    if not isinstance(byline, list | tuple):
        byline = []
    mentions = [(e.start, e.end, e.type) for e in extract(body)]
    try:
        owners = {alias: body[s:e] for alias, (s, e, _) in declared(body, mentions).items()}
        return article_records(body, mentions, owners, byline)
    except Exception:
        _log.exception("entity merge failed")
        return []


def corpus_entities(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Corpus-wide entity rows ``{"name", "type", "count", "aliases", "role", "titles"}``.

    ``count`` is the number of articles mentioning the entity; most frequent first. Uses
    each article's stored ``entities`` when present, else extracts them.
    """
    from store.entities.merge import corpus_rows

    per_article = []
    for article in articles or ():
        if not isinstance(article, dict):
            continue
        stored = article.get("entities")
        per_article.append(stored if isinstance(stored, list) else article_entities(article))
    return corpus_rows(per_article)

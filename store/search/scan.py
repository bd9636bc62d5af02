"""Brute-force search: the query semantics article by article, with no index.

This is the definition the indexed ``store.search.engine`` must agree with (a hypothesis test checks
that they return the same ids in the same order) and the yardstick the bench compares with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from store.corpus.order import doc_order
from store.normalize import fold
from store.search.index import article_text, reporters_of
from store.search.pinyin_match import is_pinyin_query, matches
from store.search.query import (
    ENTITY_FIELDS,
    And,
    DateRange,
    Field,
    Node,
    Not,
    Or,
    Term,
    date_matches,
    parse,
    positive_terms,
)


def relevance(text: str, title: str, terms: list[str]) -> int:
    """Score of a folded text for folded terms: each occurrence in the title counts four,
    each term found anywhere one (the results of an OR need not hold every term).

    Deliberately cheap: counting in bodies costs ~8 ns a character for short needles, too
    much for tens of thousands of results per keystroke. Ties keep the newest first."""
    return sum(4 * title.count(t) + (t in text) for t in terms if t)


def uses_pinyin(node: Node | None) -> bool:
    """Whether any term or title/entity value of the tree could match by pinyin."""
    if isinstance(node, Term):
        return not node.phrase and is_pinyin_query(fold(node.text))
    if isinstance(node, Field):
        return node.name in ("title", *ENTITY_FIELDS, "source", "newspaper") and is_pinyin_query(
            fold(node.value)
        )
    if isinstance(node, Not):
        return uses_pinyin(node.child)
    if isinstance(node, And | Or):
        return any(uses_pinyin(c) for c in node.children)
    return False


@dataclass(slots=True)
class ScanDoc:
    """One article prepared for scanning: folded text and title, field values, date."""

    id: str
    text: str
    title: str
    date: str
    values: dict[str, set[str]]

    @classmethod
    def of(cls, article: Mapping[str, Any]) -> ScanDoc:
        """Fold an article dict once."""
        values: dict[str, set[str]] = {f: set() for f in (*ENTITY_FIELDS, "source", "newspaper")}
        for ent in article.get("entities") or []:
            if ent["type"] in ("person", "place", "org"):
                values[ent["type"]].update(fold(x) for x in [ent["name"], *ent.get("aliases", [])])
        values["reporter"].update(fold(x) for x in reporters_of(article))
        for name in ("source", "newspaper"):
            values[name].add(fold(article.get(name) or ""))
        for vals in values.values():
            vals.discard("")
        text = fold(article_text(article))
        return cls(article["id"], text, text.partition("\n")[0], article.get("date") or "", values)


class _Eval:
    def __init__(self, pinyin: bool, userdata: Any) -> None:
        self.pinyin = pinyin
        self.userdata = userdata

    def __call__(self, node: Node, doc: ScanDoc) -> bool:
        if isinstance(node, And):
            return all(self(c, doc) for c in node.children)
        if isinstance(node, Or):
            return any(self(c, doc) for c in node.children)
        if isinstance(node, Not):
            return not self(node.child, doc)
        if isinstance(node, DateRange):
            return date_matches(doc.date, node)
        if isinstance(node, Term):
            return self.term(node, doc)
        return self.field(node, doc)

    def term(self, node: Term, doc: ScanDoc) -> bool:
        ft = fold(node.text)
        if ft in doc.text:
            return True
        if self.userdata is not None and doc.id in set(self.userdata.text_ids(ft)):
            return True  # the user's note or tag on the article
        if not (self.pinyin and not node.phrase and is_pinyin_query(ft)):
            return False
        if matches(ft, doc.title):
            return True
        return any(matches(ft, v) for f in ENTITY_FIELDS for v in doc.values[f])

    def field(self, node: Field, doc: ScanDoc) -> bool:
        if node.name in ("is", "has", "tag"):
            return doc.id in _userdata_ids(node, self.userdata, doc)
        fv = fold(node.value)
        py = self.pinyin and is_pinyin_query(fv)
        if node.name == "title":
            return fv in doc.title or (py and matches(fv, doc.title))
        return any(fv in v or (py and matches(fv, v)) for v in doc.values[node.name])


def _userdata_ids(node: Field, view: Any, doc: ScanDoc) -> set[str]:
    if view is None:
        return set()
    if node.name == "is" and node.value == "unread":
        return set() if doc.id in set(view.read_ids()) else {doc.id}
    if node.name == "is":
        return set(view.bookmarked_ids())
    if node.name == "has":
        return set(view.noted_ids())
    return set(view.tag_ids(node.value))


def prepare(articles: Iterable[Mapping[str, Any]]) -> list[ScanDoc]:
    """Articles in result order (newest first, ties by id), folded for scanning."""
    return [ScanDoc.of(a) for a in doc_order(articles)]


def scan(docs: list[ScanDoc], query: str, userdata: Any = None) -> list[str]:
    """Ids matching ``query`` in result order (raises ``QueryError`` when malformed)."""
    parsed = parse(query)
    root = parsed.root
    if root is None:
        return [d.id for d in docs]
    full, literal = _Eval(True, userdata), _Eval(False, userdata)
    tiered = uses_pinyin(root)
    tiers: list[list[ScanDoc]] = [[], []]
    for doc in docs:
        if full(root, doc):
            tiers[1 if tiered and not literal(root, doc) else 0].append(doc)
    if parsed.sort == "relevance":
        terms = [fold(t) for t in positive_terms(root)]
        if terms:
            for tier in tiers:
                tier.sort(key=lambda d: -relevance(d.text, d.title, terms))
    return [d.id for tier in tiers for d in tier]

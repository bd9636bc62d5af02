"""Search over the stored corpus: the one entry point the CLI and the app use.

``SearchEngine.open(db)`` loads the persisted index (``store.search.index``; rebuilt when the corpus
fingerprint changed) and the folded article texts; ``search(query)`` parses the query
(``store.search.query``) and evaluates it on bit-set postings (``store.search.postings``):

- a term of one or two characters is one posting; a longer one intersects its character
  pairs' postings and confirms the candidates against the text; results are cached per term,
  so each keystroke only pays for the term being typed;
- a Latin term also matches titles and entity names by pinyin (``store.search.pinyin_match``); those
  articles come after the literal matches;
- results are newest first (document order), or by relevance with ``sort:relevance``;
- facets count each (name, type) entity within the results.

The semantics are spelled out once more, article by article, in ``store.search.scan`` — the test
oracle and the bench yardstick.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from store.corpus.db import CorpusDB, no_gc
from store.corpus.groups import EntityKey
from store.normalize import fold
from store.search import postings
from store.search.facets import FacetCounter
from store.search.index import (
    SearchIndex,
    build_index,
)
from store.search.pinyin_match import is_pinyin_query, matched_text, matches, query_keys
from store.search.postings import np
from store.search.query import (
    ENTITY_FIELDS,
    And,
    DateRange,
    Field,
    Node,
    Not,
    Or,
    Query,
    QueryError,
    Term,
    parse,
    picked_entities,
    positive_terms,
)
from store.search.scan import uses_pinyin
from store.search.stored import load_index, rebuild_index
from store.search.texts import LazyTexts, fold_doc, lazy_texts

_CACHE_LIMIT = 512
HIGHLIGHT_NAMES = 20  # entity names spelled by a pinyin term, added to the highlight terms
HIGHLIGHT_TITLES = 30  # titles of pinyin-only matches whose spelled pieces are added


@dataclass(slots=True)
class SearchResult:
    """What a query gives: ordered ids, terms to highlight, facet counts per
    ``(name, group)`` (reporters apart, as the sidebar shows them), the entities the query
    picks, or an error."""

    ids: list[str]
    total: int
    terms: list[str] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)  # the same, as document numbers
    facets: dict[EntityKey, int] = field(default_factory=dict)
    error: str | None = None
    picked: list[EntityKey] = field(default_factory=list)


class UserDataView(Protocol):
    """What ``is:``/``has:``/``tag:`` need from the user data (bookmarks, notes, read state)."""

    def bookmarked_ids(self) -> Iterable[str]:
        """Ids of bookmarked articles."""
        ...

    def read_ids(self) -> Iterable[str]:
        """Ids of articles already read (every other article is unread)."""
        ...

    def noted_ids(self) -> Iterable[str]:
        """Ids of articles with a note."""
        ...

    def tag_ids(self, name: str) -> Iterable[str]:
        """Ids of articles bookmarked with tag ``name``."""
        ...

    def text_ids(self, needle: str) -> Iterable[str]:
        """Ids of articles whose note or a tag holds ``needle`` (both folded)."""
        ...


class SearchEngine:
    """Answers filter-line queries over one corpus."""

    def __init__(
        self,
        index: SearchIndex,
        texts: list[str] | None,
        userdata: UserDataView | None = None,
        lazy: tuple[Sequence[str], list[str]] | None = None,
    ) -> None:
        """``texts``: each document's unfolded ``title\\nbody``, in the index's order; or
        ``lazy``: the folded texts as a sequence read on demand, and the folded titles."""
        self.index = index
        self.userdata = userdata
        dirty = index.dirty
        if lazy is not None:
            self._texts: Sequence[str] = lazy[0]
            self._titles = lazy[1]
        else:
            folded = [fold_doc(t, d in dirty) for d, t in enumerate(texts or ())]
            self._texts = folded
            self._titles = [t.partition("\n")[0] for t in folded]
        self._n = index.n
        self._all = postings.full(self._n)
        self._doc_numbers: dict[str, int] | None = None  # built when a query needs it
        self._value_sets = {name: set(vals) for name, vals in index.values.items()}
        self._cache: dict[tuple[Any, ...], int] = {}
        self._lock = threading.Lock()
        self._scores: dict[str, dict[int, int]] = {}
        self._facets = FacetCounter(index)
        self._facet_no = {key: n for n, key in enumerate(index.facet_keys)}
        #: one stored article by id (``open`` sets it: a seek in the corpus file)
        self.read_article: Callable[[str], Mapping[str, Any] | None] = lambda _id: None

    # -- construction -----------------------------------------------------------------
    @classmethod
    def open(cls, db: CorpusDB, userdata: UserDataView | None = None) -> SearchEngine:
        """An engine over everything stored in ``db`` (index loaded, or rebuilt and saved)."""
        with no_gc():
            # a missing or stale index is rebuilt from the articles read one by one, and
            # saved (read-only: it still serves this session); no article is read now
            # after that: texts as queries need them
            index = load_index(db)
            if index is None:
                index = rebuild_index(db)
            lazy, reader = lazy_texts(db, index)
            engine = cls(index, None, userdata, lazy=(lazy, index.titles))
            engine.read_article = reader
            return engine

    def warm(self, stop: threading.Event | None = None) -> None:
        """Read the texts an engine opened over a stored index has not read yet (call from
        a background thread: queries are answered meanwhile, and faster after)."""
        texts = self._texts
        if isinstance(texts, LazyTexts):
            texts.warm(stop)

    @classmethod
    def from_articles(
        cls, articles: Iterable[Mapping[str, Any]], userdata: UserDataView | None = None
    ) -> SearchEngine:
        """An engine over article dicts, built in memory and not persisted (tests, tools)."""
        with no_gc():
            index, texts = build_index(list(articles), "")
            return cls(index, texts, userdata)

    @property
    def total(self) -> int:
        """Number of articles in the corpus."""
        return self._n

    # -- the public call --------------------------------------------------------------
    def search(self, query: str, userdata: UserDataView | None = None) -> SearchResult:
        """Evaluate ``query``; a malformed one gives ``error`` set and no ids (the caller
        keeps showing its last good results). Safe to call from several threads."""
        try:
            parsed = parse(query)
        except QueryError as exc:
            return SearchResult(ids=[], total=self._n, error=str(exc))
        texts = self._texts
        # the background read of the texts stands aside meanwhile
        running = texts.search_running() if isinstance(texts, LazyTexts) else nullcontext()
        with self._lock, running:
            result = self._search(parsed, userdata if userdata is not None else self.userdata)
        result.picked = picked_entities(query)
        return result

    def _search(self, parsed: Query, view: UserDataView | None) -> SearchResult:
        root = parsed.root
        tiers = [self._all]
        if root is not None:
            tiers = [self._eval(root, True, view)]
            if uses_pinyin(root):
                literal = self._eval(root, False, view)
                tiers = [tiers[0] & literal, tiers[0] & ~literal]
        folded = [fold(t) for t in positive_terms(root)]
        order: list[int] = []
        pinyin_docs: list[int] = []
        for i, tier in enumerate(tiers):
            docs = postings.positions(tier)
            if parsed.sort == "relevance" and folded:
                docs = self._by_relevance(docs, folded)
            order.extend(docs)
            if i:
                pinyin_docs = docs
        mask = tiers[0] if len(tiers) == 1 else tiers[0] | tiers[1]
        return SearchResult(
            ids=list(map(self.index.ids.__getitem__, order)),
            docs=order,
            total=self._n,
            terms=self._highlight_terms(root, pinyin_docs),
            facets=self._facets.count(mask),
        )

    def entity_articles(self, key: EntityKey) -> tuple[list[str], dict[EntityKey, int], list[str]]:
        """The articles naming the entity ``key`` exactly (its facet, in document order),
        the facet counts within them — an entity profile's co-occurrence, from bit sets —
        and the articles' dates."""
        number = self._facet_no.get(key)
        if number is None:
            return [], {}, []
        with self._lock:
            mask = self.index.posting(f"e{number}")
            docs = postings.positions(mask)
            ids = list(map(self.index.ids.__getitem__, docs))
            dates = list(map(self.index.dates.__getitem__, docs))
            return ids, self._facets.count(mask), dates

    # -- evaluation -------------------------------------------------------------------
    def _eval(self, node: Node, pinyin: bool, view: UserDataView | None) -> int:
        if isinstance(node, And):
            mask = self._all
            for child in node.children:
                mask &= self._eval(child, pinyin, view)
                if not mask:
                    break
            return mask
        if isinstance(node, Or):
            mask = 0
            for child in node.children:
                mask |= self._eval(child, pinyin, view)
            return mask
        if isinstance(node, Not):
            return self._all & ~self._eval(node.child, pinyin, view)
        if isinstance(node, Field) and node.name in ("is", "has", "tag"):
            return self._userdata_mask(node, view)
        if isinstance(node, Term) and view is not None:  # your notes and tags are text too
            return self._leaf_cached(node, pinyin) | self._ids_mask(view.text_ids(fold(node.text)))
        return self._leaf_cached(node, pinyin)

    def _leaf_cached(self, node: Node, pinyin: bool) -> int:
        key = (node, pinyin)
        mask = self._cache.get(key)
        if mask is None:
            mask = self._leaf(node, pinyin)
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = mask
        return mask

    def _leaf(self, node: Node, pinyin: bool) -> int:
        if isinstance(node, DateRange):
            return self._date(node)
        if isinstance(node, Term):
            ft = fold(node.text)
            mask = self._literal(ft)
            if pinyin and not node.phrase and is_pinyin_query(ft):
                mask |= self._pinyin_titles(ft)
                for name in self._pinyin_names(ft):
                    for fname in ENTITY_FIELDS:
                        mask |= self.index.posting(f"f{fname}\x1f{name}")
            return mask
        assert isinstance(node, Field)
        fv = fold(node.value)
        if node.name == "title":
            mask = self._title(fv)
            if pinyin and is_pinyin_query(fv):
                mask |= self._pinyin_titles(fv)
            return mask
        return self._values(node.name, fv, pinyin)

    def _candidates(self, ft: str) -> int:
        """Documents containing every character pair of ``ft`` and each of its frequent
        trigrams (exact for up to two characters, and for three when the trigram is
        indexed)."""
        if len(ft) <= 2:
            return self.index.posting("b" + ft)
        mask = self._all
        grams = ["t" + ft[i : i + 3] for i in range(len(ft) - 2)]
        grams += ["b" + ft[i : i + 2] for i in range(len(ft) - 1)]
        blobs = self.index.blobs
        for key in dict.fromkeys(g for g in grams if g[0] == "b" or g in blobs):
            mask &= self.index.posting(key)
            if not mask:
                break
        return mask

    def _exact(self, ft: str) -> bool:
        """Whether ``_candidates(ft)`` is exactly the documents containing ``ft``."""
        return len(ft) <= 2 or (len(ft) == 3 and "t" + ft in self.index.blobs)

    def _literal(self, ft: str) -> int:
        """Documents whose folded text contains ``ft``."""
        if self._exact(ft):
            return self._candidates(ft)
        key = ("lit", ft)
        mask = self._cache.get(key)
        if mask is None:
            cand = self._candidates(ft)
            for shorter in (ft[:-1], ft[1:]):
                known = self._cache.get(("lit", shorter))
                if known is not None:
                    cand &= known
            mask = self._cache[key] = self._confirm(cand, ft, self._texts)
        return mask

    def _confirm(self, cand: int, needle: str, texts: Sequence[str]) -> int:
        """``cand`` minus the documents whose text lacks ``needle`` (loops run in C)."""
        docs = postings.positions(cand)
        if isinstance(texts, LazyTexts):  # searched on the corpus file where it can be
            return cand & ~postings.from_positions(texts.misses(docs, needle), self._n)
        found = map(operator.contains, map(texts.__getitem__, docs), itertools.repeat(needle))
        misses = itertools.compress(docs, map(operator.not_, found))
        return cand & ~postings.from_positions(misses, self._n)

    def _title(self, fv: str) -> int:
        return self._confirm(self._candidates(fv), fv, self._titles)

    def _pinyin_titles(self, q: str) -> int:
        start, inner, exact = query_keys(q)
        cand = self.index.posting("P" + start)
        for gram in inner:
            cand &= self.index.posting("p" + gram)
        if exact:
            return cand
        titles = self._titles
        hits = (d for d in postings.positions(cand) if matches(q, titles[d]))
        return postings.from_positions(hits, self._n)

    def _pinyin_names(self, q: str) -> list[str]:
        start, inner, exact = query_keys(q)
        cand = self.index.posting("Q" + start)
        for gram in inner:
            cand &= self.index.posting("q" + gram)
        names = self.index.names
        found = [names[i] for i in postings.positions(cand)]
        return found if exact else [name for name in found if matches(q, name)]

    def _values(self, fname: str, fv: str, pinyin: bool) -> int:
        vals = [v for v in self.index.values.get(fname, ()) if fv in v]
        if pinyin and is_pinyin_query(fv):
            if fname in ENTITY_FIELDS:
                valid = self._value_sets[fname]
                vals += [v for v in self._pinyin_names(fv) if v in valid]
            else:
                vals += [v for v in self.index.values.get(fname, ()) if matches(fv, v)]
        mask = 0
        for v in set(vals):
            mask |= self.index.posting(f"f{fname}\x1f{v}")
        return mask

    def _date(self, rng: DateRange) -> int:
        dates = self.index.dates
        dated = bisect.bisect_left(dates, 1, key=lambda d: 0 if d else 1)
        lo = hi = 0
        if rng.hi:
            n = len(rng.hi)
            lo = bisect.bisect_left(dates, 1, hi=dated, key=lambda d: 0 if d[:n] > rng.hi else 1)
        hi = dated
        if rng.lo:
            n = len(rng.lo)
            hi = bisect.bisect_left(dates, 1, hi=dated, key=lambda d: 0 if d[:n] >= rng.lo else 1)
        return postings.span(lo, hi)

    def _userdata_mask(self, node: Field, view: UserDataView | None) -> int:
        if view is None:
            return 0
        if node.name == "is" and node.value == "unread":
            return self._all & ~self._ids_mask(view.read_ids())
        if node.name == "is":
            return self._ids_mask(view.bookmarked_ids())
        if node.name == "has":
            return self._ids_mask(view.noted_ids())
        return self._ids_mask(view.tag_ids(node.value))

    @property
    def _doc_no(self) -> dict[str, int]:
        """Document number by article id (built on first use: only ``is:``/``has:``/``tag:``
        ask, and 100k ids took a tenth of opening the engine)."""
        if self._doc_numbers is None:
            self._doc_numbers = {doc_id: d for d, doc_id in enumerate(self.index.ids)}
        return self._doc_numbers

    def _ids_mask(self, ids: Iterable[str]) -> int:
        doc_no = self._doc_no
        return postings.from_positions((doc_no[i] for i in ids if i in doc_no), self._n)

    def _by_relevance(self, docs: list[int], terms: list[str]) -> list[int]:
        """``docs`` re-ordered by ``store.search.scan.relevance`` (stable: ties stay newest first).

        The same score, computed with C-level loops: title counts per document, "anywhere
        in the text" from the term's cached posting. Each term's scores are
        cached, so later keystrokes reuse them."""
        total = [0] * len(docs)
        for term, times in Counter(terms).items():
            scores = self._term_scores(term, docs)
            weighted = map(operator.mul, map(scores.__getitem__, docs), itertools.repeat(times))
            total = list(map(operator.add, total, weighted))
        if np is not None:
            ranked = np.argsort(-np.array(total, dtype=np.int64), kind="stable").tolist()
        else:  # pragma: no cover - numpy ships with the tagger
            neg = [-t for t in total]
            ranked = sorted(range(len(docs)), key=neg.__getitem__)
        return list(map(docs.__getitem__, ranked))

    def _term_scores(self, term: str, docs: list[int]) -> dict[int, int]:
        scores = self._scores.get(term)
        if scores is None:
            if len(self._scores) > 16:
                self._scores.clear()
            scores = self._scores[term] = {}
        missing = list(itertools.filterfalse(scores.__contains__, docs))
        if missing:
            count = operator.methodcaller("count", term)
            found = set(postings.positions(self._literal(term)))
            title_part = map(
                operator.mul,
                map(count, map(self._titles.__getitem__, missing)),
                itertools.repeat(4),
            )
            values = map(operator.add, title_part, map(found.__contains__, missing))
            scores.update(zip(missing, values, strict=True))
        return scores

    # -- highlights -----------------------------------------------------------------
    def _highlight_terms(self, root: Node | None, pinyin_docs: list[int]) -> list[str]:
        """Positive terms as typed and folded; for Latin ones, the Chinese they spelled in
        entity names and in the titles of (the first few) articles found by pinyin."""
        out: list[str] = []
        for term in positive_terms(root):
            out.append(term)
            folded = fold(term)
            if folded != term.lower():
                out.append(folded)
            if is_pinyin_query(folded):
                out.extend(self._pinyin_names(folded)[:HIGHLIGHT_NAMES])
                for d in pinyin_docs[:HIGHLIGHT_TITLES]:
                    out.extend(matched_text(folded, self._titles[d]))
        return list(dict.fromkeys(out))


__all__ = ["SearchEngine", "SearchResult", "UserDataView"]

"""An entity's profile: its names and titles, its articles over time, and the entities
that appear with it more than their frequency explains.

Co-occurrence is ranked by pointwise mutual information over articles,
``log2(P(a,b) / (P(a) P(b)))``, among entities sharing at least ``min_count`` articles with
it: a name found everywhere (青岛市) does not rise just by being frequent; reporters are
left out (they write about it, they do not appear with it). Related articles
share its rarer entities: each shared entity weighs its inverse document frequency.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from store.corpus.groups import EntityKey, row_entity_keys


@dataclass(slots=True)
class EntityProfile:
    """What the corpus says about one entity."""

    name: str
    group: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # in the rows' order
    dates: list[str] = field(default_factory=list)
    companions: list[tuple[EntityKey, int, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (companions as ``{name, group, articles, pmi}``)."""
        return {
            "name": self.name,
            "group": self.group,
            "aliases": self.aliases,
            "titles": self.titles,
            "articles": len(self.article_ids),
            "article_ids": self.article_ids,
            "companions": [
                {"name": n, "group": g, "articles": c, "pmi": round(p, 3)}
                for (n, g), c, p in self.companions
            ],
        }


def entity_profile(
    key: EntityKey,
    rows: Sequence[Mapping[str, Any]],
    table: Sequence[Mapping[str, Any]] = (),
    min_count: int = 2,
    top: int = 20,
    keys: Sequence[tuple[EntityKey, ...]] | None = None,
    df: Mapping[EntityKey, int] | None = None,
    found: tuple[Sequence[str], Mapping[EntityKey, int], Sequence[str]] | None = None,
) -> EntityProfile | None:
    """The profile of ``key`` over catalog ``rows`` (with the corpus entity ``table`` for
    aliases and titles); None when no article names it. ``keys`` (each row's
    ``row_entity_keys``) and ``df`` (articles per entity) may be passed when already known;
    ``found`` — the ids of the entity's articles, the entity counts within them and their
    dates, as the search engine's bit sets give them (``SearchEngine.entity_articles``) —
    spares every pass over the rows."""
    if found is not None and df is not None:
        ids, together, dates = found
        return _profile(key, table, list(ids), list(dates), together, df, len(rows), min_count, top)
    if keys is None:
        keys = [row_entity_keys(row) for row in rows]
    if df is None:
        df = Counter(k for ks in keys for k in ks)
    mine = [i for i, ks in enumerate(keys) if key in ks]
    if not mine:
        return None
    ids = [str(rows[i].get("id")) for i in mine]
    dates = [str(rows[i].get("date") or "") for i in mine]
    together: Counter[EntityKey] = Counter(k for i in mine for k in keys[i])
    return _profile(key, table, ids, dates, together, df, len(rows), min_count, top)


def _profile(
    key: EntityKey,
    table: Sequence[Mapping[str, Any]],
    ids: list[str],
    dates: list[str],
    together: Mapping[EntityKey, int],
    df: Mapping[EntityKey, int],
    n: int,
    min_count: int,
    top: int,
) -> EntityProfile | None:
    if not ids:
        return None
    name, group = key
    profile = EntityProfile(name, group)
    for entry in table:
        if entry.get("name") == name:
            profile.aliases = [a for a in entry.get("aliases") or () if a != name]
            profile.titles = list(entry.get("titles") or ())
            break
    profile.article_ids = ids
    profile.dates = dates
    scored = []
    for other, both in together.items():
        # the people, places and bodies in the news with it (not the reporters of it)
        if other != key and other[1] != "reporter" and both >= min_count:
            pmi = math.log2(both * n / (len(ids) * df[other]))
            scored.append((other, both, pmi))
    scored.sort(key=lambda x: (-x[2], -x[1], x[0]))
    profile.companions = scored[:top]
    return profile


def related_articles(
    article_id: str,
    rows: Sequence[Mapping[str, Any]],
    top: int = 10,
    keys: Sequence[tuple[EntityKey, ...]] | None = None,
    df: Mapping[EntityKey, int] | None = None,
) -> list[tuple[str, float]]:
    """Articles sharing entities with ``article_id``, best first: each shared entity
    weighs ``log(N / articles naming it)``, so a rare shared name counts most. ``keys`` and
    ``df`` as for ``entity_profile``."""
    if keys is None:
        keys = [row_entity_keys(row) for row in rows]
    if df is None:
        df = Counter(k for ks in keys for k in ks)
    at = next((i for i, row in enumerate(rows) if str(row.get("id")) == article_id), None)
    if at is None:
        return []
    n = len(rows)
    weight = {k: math.log(n / df[k]) for k in keys[at] if df.get(k)}
    scores = []
    for i, ks in enumerate(keys):
        if i == at:
            continue
        score = sum(weight.get(k, 0.0) for k in ks)
        if score > 0:
            scores.append((str(rows[i].get("id")), score))
    scores.sort(key=lambda x: -x[1])
    return scores[:top]

"""The corpus entity table amended by a few new articles, without reading the others.

``corpus_rows`` merges every article's records into the table; adding one page to a large
corpus must not cost that. ``rows_with`` merges the new articles' records among themselves
(``corpus_rows`` over them alone) and then joins each resulting row to the stored row it
names: the one row that has one of its forms or aliases under the same corpus key (persons
by name, places without their administrative suffix, organisations by name). The stored
row keeps its name and type (settled over many more articles) and takes the new count,
aliases, forms and titles; a row that names no stored row, or more than one, is a new row.

What only a pass over every article can find — two stored rows that a new alias now links,
a short local form (``市商务局``) of a body first named in full on the new page — waits for
the next full write of the corpus, which settles the table over every article again
(``store.corpus.segments``: at the latest once the appended articles are a tenth of it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from store.entities.merge import _MAX_TITLES, _key, corpus_rows


def _forms(row: dict[str, Any]) -> set[str]:
    aliases = map(str, row.get("aliases") or ())
    return {str(row.get("name", "")), *aliases, *(row.get("forms") or ())}


def _joined(stored: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``stored`` with what the new articles' row ``new`` adds."""
    aliases = list(stored.get("aliases") or [stored["name"]])
    aliases += [a for a in new.get("aliases") or () if a not in aliases]
    titles = list(stored.get("titles") or ())
    titles += [t for t in new.get("titles") or () if t not in titles]
    return {
        **stored,
        "count": int(stored.get("count", 0)) + int(new.get("count", 0)),
        "aliases": aliases,
        "role": "byline" if "byline" in (stored.get("role"), new.get("role")) else "",
        "titles": titles[:_MAX_TITLES],
        "forms": sorted({*(stored.get("forms") or ()), *(new.get("forms") or ())}),
    }


def rows_with(
    rows: list[dict[str, Any]], per_article: Iterable[list[dict[str, Any]] | None]
) -> list[dict[str, Any]]:
    """The corpus table ``rows`` with the records of new articles ``per_article`` added
    (most frequent first, as ``corpus_rows`` orders them)."""
    fresh = corpus_rows(per_article)
    if not fresh:
        return list(rows)
    out = [dict(row) for row in rows]
    owners: dict[str, set[int]] = defaultdict(set)
    for i, row in enumerate(out):
        for form in _forms(row):
            owners[_key(form, str(row.get("type", "")))].add(i)
    for row in fresh:
        found: set[int] = set()
        for form in _forms(row):
            found |= owners.get(_key(form, row["type"]), set())
        if len(found) == 1:
            (i,) = found
            out[i] = _joined(out[i], row)
            continue
        out.append(row)
        for form in _forms(row):
            owners[_key(form, row["type"])].add(len(out) - 1)
    out.sort(key=lambda r: (-int(r.get("count", 0)), str(r.get("type")), str(r.get("name"))))
    return out

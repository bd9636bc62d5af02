"""Corrections the reader owns, applied over the corpus as it was extracted.

A correction is a plain record (stored with the user data, ``store.userdata``) naming what
it changes by stable ids: article ids, and entities by their ``(name, group)`` as the
sidebar shows them. The corpus files are never changed: every view (list rows, full
articles, the entity table, the search index) is the extraction with the corrections
applied, so they hold after a reload, a re-extraction or a rebuilt corpus.

Kinds (``kind``, ``target``, ``value``)::

    title         ARTICLE_ID          new title
    join          ARTICLE_ID          ID of the article appended to it (which then goes)
    split         ARTICLE_ID          char offset in the body where the new article starts
                                      (``title``: the new article's title, optional)
    rename        [NAME, GROUP]       new name
    merge         [NAME, GROUP]       [NAME, GROUP] it becomes part of
    retype        [NAME, GROUP]       new group (person, place, org, reporter)
    hide          [NAME, GROUP]       -
    split-entity  [NAME, GROUP]       an alias that is an entity of its own

Article corrections apply first, in the order they were made, then entity corrections.
Records with ``undone: true`` are kept (nothing is lost) and ignored. The record edits
themselves are ``store.corpus.edits``; ``store.corpus.corrected_view.CorrectedDB`` is the
corpus read through the corrections.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson

from store.corpus.db import catalog_row
from store.corpus.edits import join, mark, merge_same, split, split_entity, split_id
from store.corpus.groups import GROUPS, EntityKey, group_of, record_key, row_entity_keys

ARTICLE_KINDS = ("title", "join", "split")
ENTITY_KINDS = ("rename", "merge", "retype", "hide", "split-entity")
KINDS = ARTICLE_KINDS + ENTITY_KINDS

Record = dict[str, Any]
Reader = Callable[[str], Record | None]


class CorrectionError(ValueError):
    """A correction record has the wrong shape (the message says which field)."""


def _key(value: Any, where: str) -> EntityKey:
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(v, str) and v for v in value)
        and value[1] in GROUPS
    ):
        return str(value[0]), str(value[1])
    raise CorrectionError(f"{where}: expected [name, group] with group one of {', '.join(GROUPS)}")


def check(rec: Mapping[str, Any]) -> None:
    """Raise ``CorrectionError`` unless ``rec`` is a well-formed correction."""
    where = f"correction {rec.get('id', '?')}"
    kind, target, value = rec.get("kind"), rec.get("target"), rec.get("value")
    if kind not in KINDS:
        raise CorrectionError(f"{where}: unknown kind {kind!r}")
    if kind in ARTICLE_KINDS:
        if not isinstance(target, str) or not target:
            raise CorrectionError(f"{where}: 'target' must be an article id")
        ok = {
            "title": isinstance(value, str) and bool(value.strip()),
            "join": isinstance(value, str) and bool(value) and value != target,
            "split": isinstance(value, int) and not isinstance(value, bool) and value > 0,
        }[kind]
    else:
        _key(target, where)
        ok = {
            "rename": isinstance(value, str) and bool(value.strip()),
            "merge": kind == "merge" and _key(value, where) != tuple(target),
            "retype": value in GROUPS,
            "hide": True,
            "split-entity": isinstance(value, str) and bool(value.strip()),
        }[kind]
    if not ok:
        raise CorrectionError(f"{where}: bad 'value' for {kind}: {value!r}")


def describe_correction(
    rec: Mapping[str, Any], title_of: Callable[[str], str | None] | None = None
) -> str:
    """One line saying what a correction does (for lists and the CLI); ``title_of`` names
    an article by its title instead of its id."""
    kind, target, value = rec["kind"], rec["target"], rec.get("value")

    def ent(v: Any) -> str:
        return f"{v[0]} ({v[1]})"

    def art(article_id: Any) -> str:
        title = title_of(str(article_id)) if title_of else None
        return f"“{title}”" if title else f"article {article_id}"

    return {
        "title": lambda: f"title of {art(target)} → {value}",
        "join": lambda: f"{art(value)} joined to {art(target)}",
        "split": lambda: (
            f"{art(target)} split at character {value}"
            + (f" (new: “{rec['title']}”)" if rec.get("title") else "")
        ),
        "rename": lambda: f"{ent(target)} renamed {value}",
        "merge": lambda: f"{ent(target)} merged into {ent(value)}",
        "retype": lambda: f"{ent(target)} is a {value}",
        "hide": lambda: f"{ent(target)} hidden",
        "split-entity": lambda: f"{value} split off {ent(target)}",
    }[kind]()


class Corrections:
    """The active corrections, ready to apply to rows, articles and the entity table."""

    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        active = [dict(r) for r in records if not r.get("undone")]
        active.sort(key=lambda r: (str(r.get("created", "")), str(r.get("id", ""))))
        self.records = active
        self._article = [r for r in active if r["kind"] in ARTICLE_KINDS]
        self._splits = [
            (_key(r["target"], "split-entity"), str(r["value"]).strip())
            for r in active
            if r["kind"] == "split-entity"
        ]
        self._map = self._compose([r for r in active if r["kind"] in ENTITY_KINDS])
        self._names = {key[0] for key in self._map}
        self._dest_names = {key[0] for key in self._map.values() if key is not None}
        self._split_keys = {key for key, _form in self._splits}
        self.touched: set[str] = set()  # article ids an article correction reads or makes
        for r in self._article:
            self.touched.add(r["target"])
            if r["kind"] == "join":
                self.touched.add(r["value"])
            elif r["kind"] == "split":
                self.touched.add(split_id(r["target"], int(r["value"])))
        digest = hashlib.blake2b(digest_size=8)
        digest.update(orjson.dumps(active, option=orjson.OPT_SORT_KEYS))
        self.fingerprint = digest.hexdigest() if active else ""

    def __bool__(self) -> bool:
        return bool(self.records)

    # -- entities ------------------------------------------------------------------
    @staticmethod
    def _compose(records: list[Record]) -> dict[EntityKey, EntityKey | None]:
        """Every corrected key → the key it is now (None: hidden), corrections chained."""
        final: dict[EntityKey, EntityKey | None] = {}
        for r in records:
            source = _key(r["target"], "target")
            kind = r["kind"]
            if kind == "split-entity":
                continue
            if kind == "rename":
                dest: EntityKey | None = (str(r["value"]).strip(), source[1])
            elif kind == "merge":
                dest = _key(r["value"], "value")
            elif kind == "retype":
                dest = (source[0], str(r["value"]))
            else:
                dest = None
            for k, v in list(final.items()):
                if v == source:
                    final[k] = dest
            final.setdefault(source, dest)
        return final

    def corrected_keys(self) -> set[EntityKey]:
        """The entities a correction made or changed (the sidebar marks them)."""
        keys = {v for v in self._map.values() if v is not None}
        keys.update((form, key[1]) for key, form in self._splits)
        return keys

    def entity_key(self, key: EntityKey) -> EntityKey | None:
        """What the entity ``key`` is after the corrections (None when hidden)."""
        return self._map.get(key, key)

    def _triple(self, triple: list[Any]) -> list[Any] | None:
        name, etype = triple[0], triple[1]
        role = triple[2] if len(triple) > 2 else ""
        key = (name, group_of(etype, role))
        dest = self._map.get(key, key)
        if dest is None:
            return None
        if dest == key:
            return triple
        return [dest[0], *_type_role(dest[1])]

    def _records(self, records: list[Record], body: str) -> list[Record]:
        """One article's entity records with the entity corrections applied."""
        out: list[Record] = []
        for rec in records:
            key = record_key(rec)
            dest = self._map.get(key, key)
            if dest is None:
                continue
            if dest != key:
                etype, role = _type_role(dest[1])
                aliases = list(rec.get("aliases") or [key[0]])
                if dest[0] not in aliases:
                    aliases.insert(0, dest[0])
                rec = dict(rec, name=dest[0], type=etype, role=role, aliases=aliases)
                if etype != "person" or role:
                    rec["titles"] = []
            out.append(rec)
        for key, form in self._splits:
            out = split_entity(out, key, form, body)
        if self._splits:  # a split-off name may itself have been renamed or hidden later
            out = [r for r in (self._remap(r) for r in out) if r is not None]
        return merge_same(out)

    def _remap(self, rec: Record) -> Record | None:
        key = record_key(rec)
        dest = self._map.get(key, key)
        if dest is None or dest == key:
            return rec if dest else None
        etype, role = _type_role(dest[1])
        return dict(rec, name=dest[0], type=etype, role=role)

    # -- articles ------------------------------------------------------------------
    def _apply_articles(self, articles: dict[str, Record], read: Reader) -> dict[str, Record]:
        """The article corrections over ``articles`` (id → record, raw), reading any other
        article they need with ``read``; returns the changed and new articles (a joined
        article maps to an empty dict: it is gone)."""
        work: dict[str, Record] = {}

        def get(article_id: str) -> Record | None:
            if article_id in work:
                return work[article_id] or None
            found = articles.get(article_id) or read(article_id)
            if found is not None:
                work[article_id] = dict(found)
            return work.get(article_id)

        for r in self._article:
            target = get(r["target"])
            if target is None:
                continue
            kind = r["kind"]
            if kind == "title":
                mark(target, "title", original=target.get("title", ""))
                target["title"] = str(r["value"]).strip()
            elif kind == "join":
                other = get(r["value"])
                if other is None:
                    continue
                work[r["target"]] = join(target, other)
                work[r["value"]] = {}
            else:
                offset = int(r["value"])
                first, second = split(target, offset, str(r.get("title") or ""))
                if second is None:
                    continue
                work[r["target"]] = first
                work[second["id"]] = second
        return work

    def articles(self, articles: Iterable[Record], read: Reader | None = None) -> list[Record]:
        """Full articles with every correction applied (joined-away articles dropped, split-
        off ones added after their first part)."""
        items = list(articles)
        if not self:
            return items
        by_id = {a["id"]: a for a in items}
        changed = self._apply_articles(by_id, read or (lambda _i: None))
        out: list[Record] = []
        for article in items:
            fixed = changed.get(article["id"], article)
            if not fixed:
                continue
            out.append(self._entities_of(fixed))
            for extra in _parts_after(article["id"], changed):
                out.append(self._entities_of(extra))
        return out

    def _entities_of(self, article: Record) -> Record:
        records = article.get("entities") or []
        fixed = self._records(records, str(article.get("body", "")))
        return article if fixed == records else dict(article, entities=fixed)

    def article(self, article_id: str, read: Reader) -> Record | None:
        """One full article as corrected (a split-off part too), ``read`` giving raw ones."""
        if not self:
            return read(article_id)
        if article_id not in self.touched:
            raw = read(article_id)
            return None if raw is None else self._entities_of(raw)
        changed = self._apply_articles({}, read)
        if article_id in changed:
            found = changed[article_id]
            return self._entities_of(found) if found else None
        raw = read(article_id)
        return None if raw is None else self._entities_of(raw)

    def rows(self, rows: Iterable[Record], read: Reader, entities: bool = True) -> list[Record]:
        """Catalog rows with every correction applied; ``read`` gives a raw full article
        (only articles an article correction or an entity split touches are read).

        ``entities=False`` leaves the entity triples of rows no article correction touched
        as stored (the explorer paints first and maps their keys later, ``keys``).
        """
        items = list(rows)
        if not self:
            return items
        changed = self._apply_articles({}, read) if self._article else {}
        if not entities and not changed:
            return items
        split_keys = self._split_keys if entities else set()
        out: list[Record] = []
        for row in items:
            article_id = row["id"]
            if article_id in changed:
                fixed = changed[article_id]
                if fixed:
                    out.append(self._row_of(fixed))
                for extra in _parts_after(article_id, changed):
                    out.append(self._row_of(extra))
                continue
            if split_keys and _mentions(row, split_keys):
                full = read(article_id)
                if full is not None:
                    out.append(self._row_of(full))
                    continue
            out.append(self._row(row) if entities else row)
        return out

    @property
    def has_entity_corrections(self) -> bool:
        """Whether any correction renames, merges, retypes, hides or splits an entity."""
        return bool(self._map or self._splits)

    def split_keys(self) -> set[EntityKey]:
        """The entities a split correction cuts a name off (their rows need the article)."""
        return self._split_keys

    def keys(self, keys: Iterable[EntityKey]) -> tuple[EntityKey, ...]:
        """A row's distinct entity keys as corrected (renamed, merged, retyped; hidden ones
        dropped). Splits need the article's text: see ``split_keys``."""
        found = self._map
        out = {found.get(k, k) for k in keys}
        out.discard(None)  # type: ignore[arg-type]
        return tuple(out)  # type: ignore[arg-type]

    def _row_of(self, article: Record) -> Record:
        row = catalog_row(self._entities_of(article))
        if article.get("corrected"):
            row["corrected"] = list(article["corrected"])
        return row

    def _row(self, row: Record) -> Record:
        triples = row.get("entities") or []
        names = self._names
        if not self._map or not any(t[0] in names for t in triples):
            return row  # most rows: no corrected name at all (one set lookup per entity)
        mapped = [self._triple(t) if t[0] in names else t for t in triples]
        if all(new is old for new, old in zip(mapped, triples, strict=True)):
            return row
        fixed = [t for t in mapped if t is not None]
        dests = self._dest_names
        marks = [(t[0], t[1], t[2] if len(t) > 2 else "") for t in fixed if t[0] in dests]
        if len(marks) != len(set(marks)):  # a merge made two triples one
            seen: set[tuple[Any, ...]] = set()
            unique = []
            for t in fixed:
                triple = (t[0], t[1], t[2] if len(t) > 2 else "")
                if triple not in seen:
                    seen.add(triple)
                    unique.append(t)
            fixed = unique
        return dict(row, entities=fixed)

    def entity_table(self, table: Iterable[Record], rows: Iterable[Record]) -> list[Record]:
        """The corpus entity table as corrected: renamed and merged entries become one (their
        names kept as aliases), hidden ones go, counts are articles in the corrected ``rows``."""
        items = list(table)
        if not self:
            return items
        by_key: dict[EntityKey, Record] = {}
        for entry in items:
            key = record_key(entry)
            dest = self._map.get(key, key)
            if dest is None:
                continue
            etype, role = _type_role(dest[1])
            names = [str(a) for a in entry.get("aliases") or [key[0]]]
            for _split_key, form in self._splits:
                if _split_key == dest and form in names and form != dest[0]:
                    names.remove(form)
            base = by_key.get(dest)
            if base is None:
                base = by_key[dest] = dict(
                    entry, name=dest[0], type=etype, role=role, aliases=[dest[0]]
                )
                base["titles"] = list(entry.get("titles") or []) if etype == "person" else []
                base["forms"] = list(entry.get("forms") or [])
            else:
                base["titles"] += [t for t in entry.get("titles") or () if t not in base["titles"]]
                base["forms"] = sorted({*base["forms"], *(entry.get("forms") or ())})
            base["aliases"] += [n for n in names if n not in base["aliases"]]
        for key, form in self._splits:
            if key in by_key and (form, key[1]) not in by_key:
                etype, role = _type_role(key[1])
                by_key[(form, key[1])] = {
                    "name": form, "type": etype, "count": 0, "aliases": [form],
                    "role": role, "titles": [], "forms": [form],
                }  # fmt: skip
        counts: dict[EntityKey, int] = {}
        for row in rows:
            for key in row_entity_keys(row):
                counts[key] = counts.get(key, 0) + 1
        out = []
        for key, entry in by_key.items():
            entry["count"] = counts.get(key, 0)
            if entry["count"]:
                out.append(entry)
        out.sort(key=lambda r: (-r["count"], r["type"], r["name"]))
        return out


def _type_role(group: str) -> tuple[str, str]:
    """The record type and role of an entity in ``group``."""
    return ("person", "byline") if group == "reporter" else (group, "")


def _mentions(row: Record, keys: set[EntityKey]) -> bool:
    return any(key in keys for key in row_entity_keys(row))


def _parts_after(article_id: str, changed: dict[str, Record]) -> list[Record]:
    """The articles split off ``article_id`` (in body order, each followed by its own
    parts), to list right after it."""
    parts = [a for a in changed.values() if a and a.get("split_from") == article_id]
    out: list[Record] = []
    for part in sorted(parts, key=lambda a: int(a.get("split_at", 0))):
        out += [part, *_parts_after(part["id"], changed)]
    return out

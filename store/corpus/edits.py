"""Edits of article records the corrections are made of: join two articles, split one,
and the entity records of one article when names change (pure functions on dicts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from store.corpus.groups import EntityKey, record_key

Record = dict[str, Any]


def split_id(article_id: str, offset: int) -> str:
    """The stable id of the article split off ``article_id`` at ``offset``."""
    import hashlib

    return hashlib.blake2b(f"{article_id}@{offset}".encode(), digest_size=8).hexdigest()


def mark(article: Record, what: str, original: str | None = None) -> None:
    done = list(article.get("corrected") or [])
    if what not in done:
        done.append(what)
    article["corrected"] = done
    if original is not None and f"original_{what}" not in article:
        article[f"original_{what}"] = original


def _shifted(records: Iterable[Record], by: int) -> list[Record]:
    return [
        dict(r, spans=[[s + by, e + by] for s, e in r.get("spans") or ()]) for r in records or ()
    ]


def join(first: Record, second: Record) -> Record:
    """``second`` appended to ``first``: one article with both sources."""
    body = str(first.get("body", ""))
    joined = dict(first)
    joined["body"] = body + "\n" + str(second.get("body", ""))
    for key in ("byline", "captions", "sources", "subtitles"):
        mine = list(first.get(key) or [])
        joined[key] = mine + [x for x in second.get(key) or () if x not in mine]
    joined["entities"] = merge_same(
        [
            *_shifted(first.get("entities") or [], 0),
            *_shifted(second.get("entities") or [], len(body) + 1),
        ]
    )
    joined["joined"] = [*first.get("joined", []), second["id"], *second.get("joined", [])]
    joined["truncated"] = bool(second.get("truncated"))
    mark(joined, "joined")
    return joined


def split(article: Record, offset: int, title: str) -> tuple[Record, Record | None]:
    """``article`` cut at ``offset`` of its body: (the first part, the new second part)."""
    body = str(article.get("body", ""))
    cut = body.rfind("\n", 0, offset + 1) + 1 if offset < len(body) else len(body)
    cut = cut or offset  # mid-paragraph: cut where asked
    head, tail = body[:cut].rstrip("\n"), body[cut:].lstrip("\n")
    if not head.strip() or not tail.strip():
        return article, None
    start = len(body) - len(tail)
    first_ents: list[Record] = []
    second_ents: list[Record] = []
    for rec in article.get("entities") or []:
        spans = rec.get("spans") or []
        before = [s for s in spans if s[1] <= len(head)]
        after = [[s - start, e - start] for s, e in spans if s >= start]
        if before or not spans:
            first_ents.append(dict(rec, spans=before, count=len(before) or rec.get("count", 1)))
        if after:
            second_ents.append(dict(rec, spans=after, count=len(after)))
    first = dict(article, body=head, entities=first_ents, truncated=False)
    mark(first, "split")
    new_title = title.strip() or _first_sentence(tail)
    second = dict(
        article,
        id=split_id(article["id"], offset),
        title=new_title,
        subtitles=[],
        byline=[],
        dateline="",
        captions=[],
        body=tail,
        entities=second_ents,
        split_from=article["id"],
        split_at=offset,
        corrected=["split"],
    )
    for key in ("original_title", "joined"):
        second.pop(key, None)
    return first, second


def _first_sentence(text: str, limit: int = 24) -> str:
    line = text.strip().split("\n", 1)[0]
    for stop in "。！？；":
        if stop in line:
            line = line[: line.index(stop)]
    return line[:limit] + ("…" if len(line) > limit else "")


def split_entity(records: list[Record], key: EntityKey, form: str, body: str) -> list[Record]:
    """In one article, the mentions of entity ``key`` written ``form`` become entity ``form``."""
    out: list[Record] = []
    for rec in records:
        if record_key(rec) != key:
            out.append(rec)
            continue
        aliases = list(rec.get("aliases") or [])
        if form not in aliases or form == key[0]:
            out.append(rec)
            continue
        spans = rec.get("spans") or []
        mine = [s for s in spans if body[s[0] : s[1]] == form]
        rest = [s for s in spans if body[s[0] : s[1]] != form]
        if not mine:  # the article uses the name only as an alias of its own record
            out.append(dict(rec, aliases=[a for a in aliases if a != form]))
            continue
        if rest:
            out.append(
                dict(rec, spans=rest, count=len(rest), aliases=[a for a in aliases if a != form])
            )
        out.append(dict(rec, name=form, aliases=[form], spans=mine, count=len(mine), titles=[]))
    return out


def merge_same(records: list[Record]) -> list[Record]:
    """Records of one article that now name the same entity (name, type and role) become
    one: their mentions (spans) and counts add up, aliases and titles are kept in order."""
    out: list[Record] = []
    at: dict[tuple[str, str, str], int] = {}
    for rec in records:
        key = (str(rec.get("name")), str(rec.get("type")), str(rec.get("role") or ""))
        if key not in at:
            at[key] = len(out)
            out.append(rec)
            continue
        first = out[at[key]]
        both = [*(first.get("spans") or []), *(rec.get("spans") or [])]
        spans = sorted({tuple(s) for s in both})
        counted = int(first.get("count") or 0) + int(rec.get("count") or 0)
        aliases = list(first.get("aliases") or [])
        aliases += [a for a in rec.get("aliases") or () if a not in aliases]
        titles = list(first.get("titles") or [])
        titles += [t for t in rec.get("titles") or () if t not in titles]
        out[at[key]] = dict(
            first,
            spans=[list(s) for s in spans],
            count=len(spans) if spans else counted,
            aliases=aliases,
            titles=titles,
        )
    return out

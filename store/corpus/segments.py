"""Segments: adding a few files to a large corpus writes what they add, not the corpus.

A corpus is its base file (``corpus.json``, every article as of its last full write, with
its catalog file) plus, once it is large (``SEGMENT_MIN`` articles), the *segments* later
loads appended: one small TinyDB file per load (``corpus.seg-000001.json``, …) holding its
articles and their catalog rows, never rewritten. The *manifest* beside them
(``corpus.manifest.json``) lists the segments, holds the corpus entity table (as the
segments amended it) and the base file's article ids, and mirrors the corpus's file
records and facts, so a load learns which files and articles are new, and settles the new
ones, without parsing the base file or its catalog. Writing the manifest is what makes a
segment part of the corpus: one atomic write. The manifest names the base file it was made
for (size, mtime): one made for another base file (a full write cut short before its
manifest, a base file restored from a backup) is ignored, and so are the segments only it
lists.

Every full write of the base file folds the segments into it first and then writes a fresh
manifest without segments; once the segments hold ``1/FOLD_SHARE`` of the corpus (or
``MAX_SEGMENTS`` of them) the next load makes a full write again, so their number stays
small. A segment is written before the manifest that lists it: a load killed in between
leaves an unlisted segment, which the next full write deletes.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: a corpus smaller than this is rewritten whole on every load (fast at that size, and its
#: entity table is then settled over every article)
SEGMENT_MIN = 5000
#: the segments are folded into the base file once they hold this share of it, or ...
FOLD_SHARE = 10
#: ... once there are this many
MAX_SEGMENTS = 64


def manifest_path_for(db_path: Path) -> Path:
    """The manifest that sits beside a corpus database."""
    return db_path.with_name(db_path.stem + ".manifest.json")


def segment_path_for(db_path: Path, number: int) -> Path:
    """Where segment ``number`` of a corpus database is written."""
    return db_path.with_name(f"{db_path.stem}.seg-{number:06d}.json")


def segment_files(db_path: Path) -> list[Path]:
    """Every segment file beside ``db_path`` (listed or not), in number order."""
    if not db_path.parent.is_dir():
        return []
    return sorted(db_path.parent.glob(f"{db_path.stem}.seg-[0-9]*.json"))


def file_stamp(path: Path) -> list[int] | None:
    """``[size, mtime_ns]`` of ``path``, None when there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


@dataclass(slots=True)
class Manifest:
    """What the manifest records (see the module docstring)."""

    base: list[int]  # [size, mtime_ns] of the base file it was made for
    meta: dict[str, Any] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # by absolute path
    segments: list[dict[str, Any]] = field(default_factory=list)  # {"name", "articles"}
    next: int = 1  # the number of the next segment
    #: the corpus entity table (the catalog file's until segments were appended, then as
    #: they amended it); None when not recorded
    entities: list[dict[str, Any]] | None = None
    #: the ids of the base file's articles, in stored order (None: not recorded)
    ids: list[str] | None = None

    @classmethod
    def from_doc(cls, doc: Any) -> Manifest | None:
        """The manifest stored as ``doc``; None when it is not one."""
        if not isinstance(doc, dict):
            return None
        try:
            base = [int(x) for x in doc["base"]]
            meta = dict(doc.get("meta") or {})
            files = {str(k): dict(v) for k, v in (doc.get("files") or {}).items()}
            segments = [
                {"name": str(s["name"]), "articles": int(s["articles"])}
                for s in doc.get("segments") or []
            ]
            number = int(doc.get("next") or 1)
            table = doc.get("entities")
            entities = [dict(row) for row in table] if isinstance(table, list) else None
            listed = doc.get("ids")
            ids = [str(i) for i in listed] if isinstance(listed, list) else None
        except (KeyError, TypeError, ValueError):
            return None
        if len(base) != 2:
            return None
        return cls(base, meta, files, segments, number, entities, ids)

    def to_doc(self) -> dict[str, Any]:
        """The manifest as stored."""
        return {
            "base": self.base,
            "meta": self.meta,
            "files": self.files,
            "segments": self.segments,
            "next": self.next,
            "entities": self.entities,
            "ids": self.ids,
        }

    @property
    def segment_articles(self) -> int:
        """How many articles the segments hold."""
        return sum(s["articles"] for s in self.segments)

    def room_for(self, base_articles: int, adding: int) -> bool:
        """May ``adding`` more articles go into a segment (else: a full write)?"""
        if base_articles < SEGMENT_MIN or len(self.segments) >= MAX_SEGMENTS:
            return False
        return (self.segment_articles + adding) * FOLD_SHARE <= base_articles

    def paths(self, db_path: Path) -> list[Path]:
        """The listed segment files, oldest first."""
        return [db_path.with_name(s["name"]) for s in self.segments]


def remove_segment_files(db_path: Path) -> None:
    """Delete every segment file beside ``db_path`` (after a full write: folded into the
    base file, or left unlisted by a load killed before its manifest)."""
    for path in segment_files(db_path):
        with contextlib.suppress(OSError):
            path.unlink()

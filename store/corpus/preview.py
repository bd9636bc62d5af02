"""``yuebao parse``'s library half: files to articles as ``load`` would store them, unstored.

The same steps as the loader — read, segment, join articles continued across the files,
extract entities, settle one type per entity across the files — without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.corpus.loader import expand_paths, harmonise_types, parse_file
from store.parse import ParsedFile, ReadError, join_continuations


@dataclass(slots=True)
class ParsedSource:
    """One file parsed: its articles (a joined article goes with its first part), what
    could not be placed, and which of its parts were joined to an article of another file."""

    path: Path
    parsed: ParsedFile
    articles: list[dict[str, Any]] = field(default_factory=list)
    joined: list[tuple[str, Path]] = field(default_factory=list)  # (title, first part's file)


@dataclass(slots=True)
class ParsedRun:
    """Everything a ``yuebao parse`` run found, in file order, and the errors met."""

    files: list[ParsedSource] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[dict[str, Any]]:
        """Every article, file by file."""
        return [a for f in self.files for a in f.articles]


def parse_paths(paths: list[str], entities: bool = True) -> ParsedRun:
    """Parse ``paths`` (files, directories, globs) as ``load`` would, storing nothing.

    ``entities``: extract each article's entities and give each entity one type across all
    the files, as the corpus table would."""
    files, errors = expand_paths(paths)
    run = ParsedRun(errors=list(errors))
    pool: list[dict[str, Any]] = []
    owner: list[int] = []  # the file (index in run.files) each pooled article came from
    for path in files:
        try:
            parsed = parse_file(path)
        except ReadError as exc:
            run.errors.append(str(exc))
            continue
        for article in parsed.articles:
            pool.append(article.to_dict())
            owner.append(len(run.files))
        run.files.append(ParsedSource(Path(path), parsed))
    joined = join_continuations(pool)
    for data, parts in zip(joined.articles, joined.parts, strict=True):
        first = run.files[owner[parts[0]]]
        first.articles.append(data)
        for part in parts[1:]:
            run.files[owner[part]].joined.append((data["title"] or "(untitled)", first.path))
    if entities:
        from store.entities import article_entities, corpus_entities

        every = joined.articles
        for data in every:
            data["entities"] = article_entities(data)
        settled = harmonise_types(every, corpus_entities(every))
        for data in every:
            data["entities"] = settled.get(data["id"], data["entities"])
    return run

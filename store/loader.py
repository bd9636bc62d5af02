"""Files to stored articles: path expansion, parallel parsing, batched writes.

``load_paths`` reads files (in worker processes when there are many), segments them,
extracts entities, and stores the new articles with one database write per batch. Files
whose size and modification time match the last load are skipped without being read.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.article import ParsedFile
from store.db import CorpusDB
from store.read import ReadError, read_text
from store.segment import parse_text

TEXT_SUFFIXES = {".txt", ".text", ".TXT"}
BATCH_FILES = 200
PARALLEL_MIN_FILES = 8


class PathError(Exception):
    """A command-line path that names nothing loadable."""


@dataclass(slots=True)
class FileReport:
    """What loading one file gave."""

    path: str
    status: str  # "new", "unchanged" or "error"
    articles_new: int = 0
    articles_unchanged: int = 0
    leftovers: int = 0
    error: str = ""


@dataclass(slots=True)
class LoadReport:
    """The outcome of one ``load_paths`` call."""

    files: list[FileReport] = field(default_factory=list)
    path_errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any path or file could not be loaded."""
        return bool(self.path_errors) or any(f.status == "error" for f in self.files)

    def total(self, attr: str) -> int:
        """Sum of one numeric column over all files."""
        return sum(getattr(f, attr) for f in self.files)


def _is_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def expand_paths(inputs: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Files named by ``inputs`` (files, directories searched recursively, globs).

    Returns ``(files, errors)``; each error is one line naming the path and the problem.
    """
    files: list[Path] = []
    errors: list[str] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(path)

    for raw in inputs:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
            if not found:
                errors.append(f"{path}: directory has no text files (*.txt)")
            for p in found:
                add(p)
        elif path.is_file():
            add(path)
        elif _is_glob(raw):
            matches = sorted(Path(m) for m in glob.glob(os.path.expanduser(raw), recursive=True))
            matched_files = [m for m in matches if m.is_file()]
            if not matched_files:
                errors.append(f"{raw}: no files match this pattern")
            for p in matched_files:
                add(p)
        elif path.exists():
            errors.append(f"{path}: not a regular file")
        else:
            errors.append(f"{path}: no such file or directory")
    return files, errors


def parse_file(path: str | Path) -> ParsedFile:
    """Read and segment one file (raises ``ReadError`` with a one-line message)."""
    text, encoding = read_text(path)
    return parse_text(text, source=str(path), encoding=encoding)


def _fingerprint(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _entities_for(article: dict[str, Any]) -> list[dict[str, Any]]:
    from store.entities import article_entities

    return article_entities(article)


def parse_for_store(path: str) -> tuple[str, list[dict[str, Any]] | None, int, str]:
    """Worker task: ``(path, article dicts with entities, leftover count, error)``."""
    try:
        parsed = parse_file(path)
    except ReadError as exc:
        return path, None, 0, str(exc)
    except Exception as exc:  # a parser bug must not lose the other files
        return path, None, 0, f"{path}: could not be parsed ({type(exc).__name__}: {exc})"
    articles = []
    for article in parsed.articles:
        data = article.to_dict()
        data["entities"] = _entities_for(data)
        articles.append(data)
    return path, articles, len(parsed.leftovers), ""


ProgressCallback = Callable[[FileReport], None]


def _results(
    paths: list[str], workers: int
) -> Iterator[tuple[str, list[dict[str, Any]] | None, int, str]]:
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for path in paths:
            yield parse_for_store(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(
            parse_for_store, paths, chunksize=max(1, min(32, len(paths) // (workers * 4)))
        )


def load_paths(
    inputs: Iterable[str],
    db: CorpusDB,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load files into ``db``: new articles are added, unchanged files skipped.

    ``on_start(n_files)`` is called once the paths are expanded; ``progress`` after each file.
    """
    files, path_errors = expand_paths(inputs)
    report = LoadReport(path_errors=path_errors)
    if on_start:
        on_start(len(files))
    known = db.file_records()
    had_articles = db.article_count() > 0
    meta = db.meta()
    old_version = meta.get("extractor")
    reparse = had_articles and meta.get("parser") != parser_version()  # the segmenter changed
    to_parse: list[str] = []
    fingerprints: dict[str, dict[str, Any]] = {}
    for path in files:
        try:
            fp = _fingerprint(path)
        except OSError as exc:
            rep = FileReport(str(path), "error", error=f"{path}: cannot read ({exc.strerror})")
            report.files.append(rep)
            if progress:
                progress(rep)
            continue
        old = known.get(fp["path"])
        same = old and old.get("size") == fp["size"] and old.get("mtime_ns") == fp["mtime_ns"]
        if same and not reparse:
            rep = FileReport(
                str(path),
                "unchanged",
                articles_unchanged=len(old.get("article_ids", [])),
                leftovers=int(old.get("leftovers", 0)),
            )
            report.files.append(rep)
            if progress:
                progress(rep)
            continue
        fingerprints[str(path)] = fp
        to_parse.append(str(path))

    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    batch_articles: list[dict[str, Any]] = []
    batch_files: list[dict[str, Any]] = []
    batch_reports: list[FileReport] = []
    changed = False

    def flush() -> None:
        nonlocal changed
        if not batch_files:
            return
        known_ids = db.ids()
        new, _unchanged = db.add_batch(batch_articles, batch_files)
        changed = changed or new > 0
        for rep in batch_reports:
            ids = rep_ids[rep.path]
            rep.articles_new = sum(1 for i in ids if i not in known_ids)
            rep.articles_unchanged = len(ids) - rep.articles_new
            known_ids.update(ids)  # the same article in two files is new once
        batch_articles.clear()
        batch_files.clear()
        batch_reports.clear()

    rep_ids: dict[str, list[str]] = {}
    for path, articles, leftovers, error in _results(to_parse, workers):
        if articles is None:
            rep = FileReport(path, "error", error=error)
            report.files.append(rep)
            if progress:
                progress(rep)
            continue
        ids = list(dict.fromkeys(a["id"] for a in articles))
        rep_ids[path] = ids
        rep = FileReport(path, "new", articles_new=len(ids), leftovers=leftovers)  # until flush
        record = dict(fingerprints[path], article_ids=ids, leftovers=leftovers)
        batch_articles.extend(articles)
        batch_files.append(record)
        batch_reports.append(rep)
        report.files.append(rep)
        if len(batch_files) >= BATCH_FILES:
            flush()
        if progress:
            progress(rep)
    flush()
    removed = _drop_stale_articles(db, known, rep_ids, fingerprints)
    changed = changed or removed > 0
    version = extractor_version()
    stale = had_articles and old_version != version
    if stale:
        reextract_entities(db, workers)
    if changed or stale:
        refresh_derived(db)
    if stale or changed or reparse or meta.get("parser") is None:
        db.set_meta({"extractor": version, "parser": parser_version()})
    return report


def _drop_stale_articles(
    db: CorpusDB,
    known: dict[str, dict[str, Any]],
    new_ids: dict[str, list[str]],
    fingerprints: dict[str, dict[str, Any]],
) -> int:
    """Remove articles a re-read file no longer gives (edited file, improved parser),
    unless another file still gives them. Returns how many were removed."""
    gone: set[str] = set()
    for path, ids in new_ids.items():
        old = known.get(fingerprints[path]["path"])
        if old:
            gone.update(set(old.get("article_ids", [])) - set(ids))
    if not gone:
        return 0
    still = {i for rec in db.file_records().values() for i in rec.get("article_ids", [])}
    gone -= still
    if gone:
        db.remove_articles(gone)
    return len(gone)


def harmonise_types(
    articles: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Give each article's organisations and places the type the corpus settled on for the
    same name (one entity, one type, in every article). Returns the changed articles."""
    settled = {
        alias: row["type"]
        for row in rows
        if row["type"] in ("org", "place")
        for alias in row.get("aliases", [row["name"]])
    }
    changed: dict[str, list[dict[str, Any]]] = {}
    for article in articles:
        records = article.get("entities") or []
        fixed = [_settle(rec, settled) for rec in records]
        if fixed != records:
            changed[article["id"]] = fixed
    return changed


def _settle(record: dict[str, Any], settled: dict[str, str]) -> dict[str, Any]:
    """One record with the corpus's type (a "person" only ever becomes an organisation)."""
    kind = settled.get(record.get("name", ""))
    if kind is None or kind == record.get("type") or record.get("role") == "byline":
        return record
    if record.get("type") == "person" and kind != "org":
        return record
    return dict(record, type=kind)


def _fingerprint_files(paths: Iterable[Path]) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(paths):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def parser_version() -> str:
    """A fingerprint of the reading and segmenting code: a change re-reads every file."""
    root = Path(__file__).resolve().parent
    names = ("read.py", "lines.py", "blocks.py", "headline.py", "segment.py", "article.py")
    return _fingerprint_files(root / name for name in names)


def extractor_version() -> str:
    """A fingerprint of the entity extractor (its code and model files)."""
    root = Path(__file__).resolve().parent
    return _fingerprint_files([root / "entities.py", *(root / "ner").rglob("*")])


def _entities_of(article: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    return article["id"], _entities_for(article)


def reextract_entities(db: CorpusDB, workers: int) -> None:
    """Run the current extractor over every stored article (after the extractor changed)."""
    articles = db.articles()
    if workers > 1 and len(articles) >= 200:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pairs = list(pool.map(_entities_of, articles, chunksize=64))
    else:
        pairs = [_entities_of(a) for a in articles]
    db.replace_entities(dict(pairs), {})


def refresh_derived(db: CorpusDB) -> None:
    """Rebuild what derives from the articles: the corpus entity table and the search index."""
    from store.entities import corpus_entities

    articles = db.articles()
    rows = corpus_entities(articles)
    db.add_batch([], entities=rows)
    retyped = harmonise_types(articles, rows)
    if retyped:
        db.replace_entities(retyped, {})
        for article in articles:
            article["entities"] = retyped.get(article["id"], article.get("entities"))
    from store.index import rebuild_index

    rebuild_index(db, articles)  # the same articles, in stored order: no second read

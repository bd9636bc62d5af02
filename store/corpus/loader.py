"""Files to stored articles: path expansion, parallel parsing, batched writes.

``load_paths`` reads files (in worker processes when there are many), segments them,
extracts entities, and stores the new articles with one database write per batch. Files
whose size and modification time match the last load are skipped without being read.
Articles continued on another page are joined (``store.parse.continuations``), across the files of
one load and with a part stored by an earlier load (``_Stitcher``).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.corpus.db import CorpusDB, Settle
from store.corpus.edits import merge_same
from store.entities.merge import looks_personal
from store.errors import YuebaoError
from store.parse.article import ParsedFile
from store.parse.continuations import has_marker, join_continuations
from store.parse.read import ReadError, read_text, text_of_bytes
from store.parse.segment import parse_text

TEXT_SUFFIXES = {".txt", ".text", ".TXT"}
BATCH_FILES = 200
PARALLEL_MIN_FILES = 8


class PathError(YuebaoError):
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


def default_workers() -> int:
    """Processes a load uses when not told: the cores, up to four."""
    return min(os.cpu_count() or 1, 4)


def parse_file(path: str | Path) -> ParsedFile:
    """Read and segment one file (raises ``ReadError`` with a one-line message)."""
    text, encoding = read_text(path)
    return parse_text(text, source=str(path), encoding=encoding)


def _fingerprint(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _entities_for(article: dict[str, Any]) -> list[dict[str, Any]]:
    from store.entities.extract import article_entities

    return article_entities(article)


def parse_for_store(path: str) -> tuple[str, list[dict[str, Any]] | None, int, str]:
    """Worker task: ``(path, article dicts with entities, leftover count, error)``."""
    return _parsed_for_store(path, lambda: parse_file(path))


def parse_bytes_for_store(
    path: str, data: bytes
) -> tuple[str, list[dict[str, Any]] | None, int, str]:
    """``parse_for_store`` of a file's bytes read elsewhere (a cluster worker needs no
    access to the file)."""

    def parse() -> ParsedFile:
        text, encoding = text_of_bytes(data, path)
        return parse_text(text, source=path, encoding=encoding)

    return _parsed_for_store(path, parse)


def _parsed_for_store(
    path: str, parse: Callable[[], ParsedFile]
) -> tuple[str, list[dict[str, Any]] | None, int, str]:
    try:
        parsed = parse()
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
    paths: list[str], workers: int, engine: str = "local", scheduler: str | None = None
) -> Iterator[tuple[str, list[dict[str, Any]] | None, int, str]]:
    if engine == "dask":
        from store.corpus.engines import dask_results

        yield from dask_results(parse_bytes_for_store, paths, workers, scheduler)
        return
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for path in paths:
            yield parse_for_store(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(
            parse_for_store, paths, chunksize=max(1, min(4, len(paths) // (workers * 4)))
        )


def load_paths(
    inputs: Iterable[str],
    db: CorpusDB,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    index: Callable[[CorpusDB, list[dict[str, Any]] | None], object] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> LoadReport:
    """Load files into ``db``: new articles are added, unchanged files skipped.

    ``on_start(n_files)`` is called once the paths are expanded; ``progress`` after each
    file; ``on_phase(what)`` when a step that shows no file counts begins (``"reading"``:
    the workers and the entity tagger start, before the first file is done; ``"indexing"``:
    the corpus entity table and the search index are rebuilt after the last file).
    ``index(db, articles)`` is called with the stored articles (None: read them from
    ``db``) when the corpus changed
    (``store.search.rebuild_index``: the search stage builds its index then, so the first
    query need not; without it the engine rebuilds a stale index when it opens).
    ``engine``: where parse + extract run (``store.corpus.engines``): ``local`` processes
    (``workers``), or ``dask`` (the cluster at ``scheduler``, else a local one).
    """
    phase = on_phase or (lambda _what: None)
    files, path_errors = expand_paths(inputs)
    report = LoadReport(path_errors=path_errors)
    if on_start:
        on_start(len(files))
    known = db.file_records()
    had_articles = db.article_count() > 0
    meta = db.meta()
    old_version = meta.get("extractor")
    reparse = had_articles and meta.get("parser") != parser_version()  # the segmenter changed
    versions = {"extractor": extractor_version(), "parser": parser_version()}
    # an empty corpus takes today's versions with its first articles, so that a load cut
    # short does not look like an older extractor's
    first_facts = versions if not had_articles else {}
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

    workers = workers if workers is not None else default_workers()
    stitcher = _Stitcher(db, known, {fingerprints[p]["path"] for p in to_parse})
    batch: list[_ParsedFile] = []
    changed = False
    settled_now = False
    unfinished = bool(meta.get("derived_stale"))  # a load before this one was cut short
    # a changed extractor re-extracts every article after the last batch; otherwise the
    # last batch settles the entity table in its own write
    will_reextract = had_articles and old_version != versions["extractor"]

    flushed = 0

    def flush(final: bool = False) -> None:
        nonlocal changed, first_facts, settled_now, flushed
        if not batch:
            return
        settle = _settle_entities if final and not will_reextract else None
        facts = {**first_facts, **versions} if settle else first_facts
        if settle:
            phase("indexing")
        articles, records = stitcher.join(batch)
        known_ids = db.ids()
        reread = stitcher.listed_before()
        gone = stitcher.unlisted(reread) & known_ids
        # a few new files into a large corpus: written as a segment, the entity table
        # amended (``store.corpus.segments``); anything else rewrites the corpus
        appending = (
            settle is not None
            and not flushed
            and not (reread or gone or reparse or unfinished)
            and db.can_append(len(articles))
        )
        if appending:
            counts = db.append_segment(articles, records, facts, _settle_onto(db.entities()))
        else:
            counts = db.add_batch(
                articles, records, remove=gone, refresh=reread, meta=facts, settle=settle
            )
        flushed += 1
        first_facts = {}
        settled_now = counts.settled
        changed = changed or counts.new > 0 or counts.replaced > 0 or bool(gone)
        for item in batch:
            if item.report is None:
                continue
            ids = stitcher.ids_of(item.key)
            item.report.articles_new = sum(1 for i in ids if i not in known_ids)
            item.report.articles_unchanged = len(ids) - item.report.articles_new
            known_ids.update(ids)  # the same article in two files is new once
        batch.clear()

    if to_parse:
        phase("reading")
    for path, articles, leftovers, error in _results(to_parse, workers, engine, scheduler):
        if articles is None:
            rep = FileReport(path, "error", error=error)
            report.files.append(rep)
            if progress:
                progress(rep)
            continue
        n_ids = len({a["id"] for a in articles})
        rep = FileReport(path, "new", articles_new=n_ids, leftovers=leftovers)  # until flush
        batch.append(_ParsedFile(fingerprints[path], articles, leftovers, rep))
        report.files.append(rep)
        if len(batch) >= BATCH_FILES:
            flush()
        if progress:
            progress(rep)
    flush(final=True)
    if will_reextract:
        reextract_entities(db, workers)
    derive = (changed or will_reextract or unfinished) and not settled_now
    settled = {**versions, "derived_stale": False}
    if derive:
        phase("indexing")
        articles = refresh_entities(db, settled)  # the facts go with the entity table
    elif not settled_now and (reparse or meta.get("parser") is None or first_facts):
        db.set_meta(settled)
    if (derive or settled_now) and index is not None:
        # after the last corpus write, so its stamp holds; without the articles at hand
        # the index reads the stored ones one by one (none held: at 100k, reading them all
        # again after the write took ~10 s and 3 GB)
        index(db, articles if derive else None)
    return report


def _settle_onto(rows: list[dict[str, Any]]) -> Settle:
    """How a segment's new articles settle on the stored entity table ``rows``: the table
    amended by their records (``store.entities.table_delta``), and their entities given
    its types and names."""

    def settle(
        articles: list[dict[str, Any]],
    ) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
        from store.entities.table_delta import rows_with

        table = rows_with(rows, (a.get("entities") for a in articles))
        return harmonise_types(articles, table), table

    return settle


def _settle_entities(
    articles: list[dict[str, Any]],
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The corpus entity table of ``articles`` and the articles whose entities take its
    types and names (``CorpusDB.add_batch``'s ``settle``)."""
    from store.entities.extract import corpus_entities

    rows = corpus_entities(articles)
    return harmonise_types(articles, rows), rows


@dataclass(slots=True)
class _ParsedFile:
    """One file read in this load: its fingerprint, its articles (with entities)."""

    fingerprint: dict[str, Any]
    articles: list[dict[str, Any]]
    leftovers: int
    report: FileReport | None  # None for a partner file re-read for a continuation

    @property
    def key(self) -> str:
        """The file's record key (its absolute path)."""
        return str(self.fingerprint["path"])


class _Stitcher:
    """Joins continued articles (``store.parse.continuations``) across the files of one load and
    the parts already stored from earlier loads, and keeps the file records right.

    A joined article is listed in the records of every file it was read from. So:

    - a new part is joined with a stored part (an unjoined article with a marker, from any
      earlier load or an earlier batch of this one); the stored part's file record then
      lists the joined article instead, and the stored part is dropped as stale;
    - a re-read (edited) file that gave a joined article re-reads the other file of that
      article too (a partner the user did not name), so the join is made again from both
      fresh halves, or undone when the edit removed the marker;
    - a part whose other half is nowhere is stored as it is, marker included.
    """

    def __init__(self, db: CorpusDB, known: dict[str, dict[str, Any]], in_call: set[str]):
        self.db = db
        self.records = {key: dict(rec) for key, rec in known.items()}  # current state
        self.before: dict[str, set[str]] = {}  # ids each rewritten record listed until now
        self.in_call = set(in_call)  # record keys of the files this load reads
        self._stored: dict[str, dict[str, Any]] | None = None  # unjoined stored parts by id
        self.done: set[str] = set()  # record keys of the files read so far
        # id -> keys for ids in 2+ records before this load (partners are files outside it,
        # whose records this load changes only by joining a new part to theirs)
        self._shared: dict[str, set[str]] | None = None

    def ids_of(self, key: str) -> list[str]:
        """The article ids a file's record lists now."""
        return list(self.records.get(key, {}).get("article_ids", []))

    def listed_before(self) -> set[str]:
        """Ids the records this load rewrote listed before it (articles read again)."""
        return set().union(*self.before.values()) if self.before else set()

    def unlisted(self, once: set[str]) -> set[str]:
        """Of ``once`` (``listed_before``), the ids no record lists now (an edited file, an
        improved parser, a part now joined): stale articles, removed in the same write that
        stores the records."""
        if not once:
            return set()
        listed = {aid for rec in self.records.values() for aid in rec.get("article_ids", [])}
        return once - listed

    # -- the parts on record -------------------------------------------------------------
    def _owners(self) -> dict[str, set[str]]:
        owners: dict[str, set[str]] = {}
        for key, rec in self.records.items():
            for aid in rec.get("article_ids", []):
                owners.setdefault(aid, set()).add(key)
        return owners

    def _stored_parts(self) -> dict[str, dict[str, Any]]:
        """Stored articles that still carry a continuation marker (read once per load)."""
        if self._stored is None:
            listed = set(self._owners())
            self._stored = {
                doc["id"]: doc
                for doc in self.db.articles()
                if doc["id"] in listed and has_marker(doc)
            }
        return self._stored

    def _partners(self, batch: list[_ParsedFile]) -> list[_ParsedFile]:
        """Files outside this load that share a joined article with a re-read file (or with
        such a partner), read again so the join is remade from fresh halves."""
        if not any(item.key in self.records for item in batch):
            return []  # no file of the batch was loaded before
        if self._shared is None:
            self._shared = {a: k for a, k in self._owners().items() if len(k) > 1}
        keys = {item.key for item in batch}
        found: list[_ParsedFile] = []
        todo = list(batch)
        while todo:  # a partner may share another joined article with a third file
            item = todo.pop()
            for aid in self.ids_of(item.key):
                for other in sorted(self._shared.get(aid, ())):
                    if other in keys or other in self.in_call:
                        continue
                    doc = self.db.get(aid)
                    if not doc or len(doc.get("sources") or []) < 2:
                        continue  # the same article in two files, not a joined one
                    partner = _read_partner(other)
                    keys.add(other)
                    self.in_call.add(other)
                    if partner is not None:
                        found.append(partner)
                        todo.append(partner)
        return found

    # -- one batch -------------------------------------------------------------------------
    def join(self, batch: list[_ParsedFile]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The batch's articles with continuations joined, and the file records to write
        (the batch's files, partners re-read, and stored parts' files whose part was
        joined). Updates the records this object keeps."""
        batch.extend(self._partners(batch))
        pool: list[dict[str, Any]] = []
        owners: list[set[str]] = []
        for item in batch:
            for article in item.articles:
                pool.append(article)
                owners.append({item.key})
        n_fresh = len(pool)
        joined = join_continuations(pool)
        dates = {a.get("date") or "" for a in joined.articles if has_marker(a)}
        if dates:
            # a stored part is fresh enough unless its file is read in this batch or later
            unread = {item.key for item in batch} | (self.in_call - self.done)
            by_id = self._owners()
            for aid, doc in self._stored_parts().items():
                mine = by_id.get(aid, set())
                if (doc.get("date") or "") in dates and mine and not mine & unread:
                    pool.append(doc)
                    owners.append(mine)
            if len(pool) > n_fresh:
                joined = join_continuations(pool)
        ids: dict[str, list[str]] = {item.key: [] for item in batch}
        swaps: dict[str, dict[str, str]] = {}  # stored part's file -> {part id: joined id}
        out: list[dict[str, Any]] = []
        for article, parts in zip(joined.articles, joined.parts, strict=True):
            if len(parts) == 1 and parts[0] >= n_fresh:
                continue  # a stored part left as it was
            if len(parts) > 1:
                article["entities"] = _entities_for(article)
            out.append(article)
            for part in parts:
                for key in owners[part]:
                    if key in ids:
                        ids[key].append(article["id"])
                    else:
                        swaps.setdefault(key, {})[pool[part]["id"]] = article["id"]
                if part >= n_fresh and self._stored is not None:
                    self._stored.pop(pool[part]["id"], None)
        records: list[dict[str, Any]] = []
        for item in batch:
            rec = dict(
                item.fingerprint,
                article_ids=list(dict.fromkeys(ids[item.key])),
                leftovers=item.leftovers,
            )
            records.append(self._set(item.key, rec))
        for key, swap in swaps.items():
            old = self.records.get(key, {"path": key})
            new_ids = [swap.get(aid, aid) for aid in old.get("article_ids", [])]
            records.append(self._set(key, dict(old, article_ids=list(dict.fromkeys(new_ids)))))
        if self._stored is not None:  # this batch's unjoined parts wait for a later batch
            self._stored.update((a["id"], a) for a in out if has_marker(a))
        self.done.update(item.key for item in batch)
        return out, records

    def _set(self, key: str, record: dict[str, Any]) -> dict[str, Any]:
        self.before.setdefault(key, set()).update(self.ids_of(key))  # every id it ever had
        self.records[key] = record
        return record


def _read_partner(key: str) -> _ParsedFile | None:
    """Re-read a stored file (by its record key) for a continuation; None if it is gone."""
    path = Path(key)
    try:
        fingerprint = _fingerprint(path)
    except OSError:
        return None
    _path, articles, leftovers, _error = parse_for_store(str(path))
    if articles is None:
        return None
    return _ParsedFile(fingerprint, articles, leftovers, None)


def harmonise_types(
    articles: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Give each article's organisations and places the type and the name the corpus
    settled on for the same entity (one entity, one type and one sidebar entry in every
    article: ``市商务局`` here and ``青岛市商务局`` there are both ``青岛市商务局``).
    Returns the changed articles."""
    settled = {
        alias: row["type"]
        for row in rows
        if row["type"] in ("org", "place")
        for alias in row.get("aliases", [row["name"]])
    }
    owners: dict[str, set[str]] = {}
    for row in rows:
        if row["type"] in ("org", "place"):
            for form in row.get("forms") or ():
                owners.setdefault(form, set()).add(row["name"])
    canonical = {form: next(iter(names)) for form, names in owners.items() if len(names) == 1}
    changed: dict[str, list[dict[str, Any]]] = {}
    for article in articles:
        records = article.get("entities") or []
        fixed = merge_same([_settle(rec, settled, canonical) for rec in records])
        if fixed != records:
            changed[article["id"]] = fixed
    return changed


def _settle(
    record: dict[str, Any], settled: dict[str, str], canonical: dict[str, str]
) -> dict[str, Any]:
    """One record with the corpus's type (a "person" only ever becomes an organisation)
    and, for an organisation or place, the corpus's name for it."""
    if record.get("role") == "byline":
        return record
    kind = settled.get(record.get("name", ""))
    retype = kind is not None and kind != record.get("type")
    if record.get("type") == "person":  # only ever to an org, never one named like a person
        retype = retype and kind == "org" and not looks_personal(str(record.get("name", "")))
    if retype:
        record = dict(record, type=kind)
    name = canonical.get(record.get("name", ""))
    if name and name != record.get("name") and record.get("type") in ("org", "place"):
        aliases = list(record.get("aliases") or [record["name"]])
        # ``form``: the name the article gave, which the next settling counts (not the
        # corpus's name: that would make a corpus loaded page by page name its entities
        # otherwise than one loaded at once)
        form = record.get("form") or record["name"]
        record = dict(
            record, name=name, aliases=[name, *(a for a in aliases if a != name)], form=form
        )
    return record


def _fingerprint_files(paths: Iterable[Path]) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(paths):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


_STORE = Path(__file__).resolve().parents[1]
#: the tools that rebuild a model, never run on load: editing one re-reads nothing
_NOT_RUN = ("generate.py", "train.py", "train_heads.py", "export.py")


def _stage_files(stage: str) -> list[Path]:
    """The code and model files of one stage package, and the decoder both stages share."""
    files = [p for p in (_STORE / stage).rglob("*") if p.name not in _NOT_RUN]
    return [*files, _STORE / "viterbi.py"]


def parser_version() -> str:
    """A fingerprint of the reading and segmenting code (``store/parse``): a change
    re-reads every file."""
    from store.parse.segment import segmenter_name

    return f"{segmenter_name()}-{_fingerprint_files(_stage_files('parse'))}"


def extractor_version() -> str:
    """A fingerprint of the entity extractor (``store/entities``: code and model files)."""
    return _fingerprint_files(_stage_files("entities"))


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


def refresh_entities(db: CorpusDB, meta: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rebuild the corpus entity table and settle each article's entity types and names on
    it, with ``meta`` merged into the corpus facts, in one write of each file; returns the
    stored articles as they are now (in stored order, for the index)."""
    from store.entities.extract import corpus_entities

    articles = db.articles()
    rows = corpus_entities(articles)
    retyped = harmonise_types(articles, rows)
    db.replace_entities(retyped, dict(meta or {}), table=rows)
    for article in articles:
        article["entities"] = retyped.get(article["id"], article.get("entities"))
    return articles

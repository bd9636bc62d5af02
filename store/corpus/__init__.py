"""Stage 3 — corpus: the stored articles, what each file gave, and the derived tables.

``db`` is the TinyDB corpus (``corpus.json``: articles, files, meta; ``corpus.catalog.json``:
the list rows and the corpus entity table), each file parsed once and written atomically;
``loader`` is ``yuebao load``: files → parse → entities → one write per step; ``groups``
and ``order`` are the entity groups and the document order every view shares. Builds on
``store.parse`` and ``store.entities``.
"""

from store._lazy import lazy_exports

_EXPORTS = {
    "ArticleFile": "article_file",
    "CorrectedDB": "corrected_view",
    "CorrectionError": "corrections",
    "Corrections": "corrections",
    "corrected": "corrected_view",
    "describe_correction": "corrections",
    "split_id": "edits",
    "CorpusDB": "db",
    "DatabaseError": "db",
    "CorruptDatabaseError": "db",
    "catalog_path_for": "db",
    "catalog_row": "db",
    "describe_os_error": "db",
    "EngineError": "engines",
    "FileReport": "loader",
    "LoadReport": "loader",
    "PathError": "loader",
    "default_workers": "loader",
    "expand_paths": "loader",
    "harmonise_types": "loader",
    "load_paths": "loader",
    "parse_file": "loader",
    "ParsedRun": "preview",
    "parse_paths": "preview",
    "GROUPS": "groups",
    "EntityKey": "groups",
    "group_of": "groups",
    "record_key": "groups",
    "find_entity": "groups",
    "count_entities": "groups",
    "person_titles": "groups",
    "row_entity_keys": "groups",
    "doc_order": "order",
    "EntityProfile": "profile",
    "entity_profile": "profile",
    "related_articles": "profile",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

"""Stage 4 — search: the filter line's language and the engine that answers it.

``query`` parses a query (``parse``, one-line ``QueryError``s; ``entity_spans`` reads its
entity items even half typed); ``index`` persists bit-set postings beside the corpus;
``engine``'s ``SearchEngine.search`` gives one ``SearchResult`` (ordered ids, highlight
terms, facets by group, the entities picked); ``scan`` states the same semantics article
by article (the test oracle); ``pinyin_match`` matches Latin letters to Han by pinyin.
Builds on ``store.corpus``.
"""

from store._lazy import lazy_exports

_EXPORTS = {
    "SearchEngine": "engine",
    "SearchResult": "engine",
    "UserDataView": "engine",
    "SYNTAX": "query",
    "EntitySpan": "query",
    "Field": "query",
    "Query": "query",
    "QueryError": "query",
    "entity_spans": "query",
    "field_term": "query",
    "parse": "query",
    "picked_entities": "query",
    "is_pinyin_query": "pinyin_match",
    "matches": "pinyin_match",
    "rebuild_index": "stored",
    "match_spans": "highlight",
    "EXPORT_FORMATS": "export",
    "export_format_for": "export",
    "render_export": "export",
    "result_records": "export",
    "KWIC_SORTS": "kwic",
    "KwicLine": "kwic",
    "aligned": "kwic",
    "kwic_lines": "kwic",
    "sort_lines": "kwic",
    "TIMELINE_STEPS": "timeline",
    "Timeline": "timeline",
    "date_histogram": "timeline",
    "match_starts": "highlight",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

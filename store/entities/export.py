"""Writing the shipped weight tables: from a crfsuite model, and averaging several."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from store.entities.features import CHAR_TEMPLATES, POSITIONS, WORD_POS_TEMPLATES, WORD_TEMPLATES


def _save(arrays: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(out)


def export(crfsuite_path: Path, out: Path) -> None:
    """Convert a trained crfsuite model into the ``.npz`` tables ``CrfWeights`` reads."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_path))
    info = tagger.info()
    labels = list(tagger.labels())
    index = {label: i for i, label in enumerate(labels)}
    size = len(labels)
    transitions = np.zeros((size, size), dtype=np.float32)
    for (src, dst), weight in info.transitions.items():
        transitions[index[src], index[dst]] = weight
    char_rows: dict[str, dict[int, np.ndarray]] = {name: {} for name in CHAR_TEMPLATES}
    pos_rows: dict[str, dict[str, np.ndarray]] = {name: {} for name in WORD_POS_TEMPLATES}
    word_rows: dict[str, dict[str, np.ndarray]] = {name: {} for name in WORD_TEMPLATES}
    for (attr, label), weight in info.state_features.items():
        name, _, key = attr.partition(":")
        column = index[label]
        if name in char_rows:
            row = char_rows[name].setdefault(int(key), np.zeros(size, np.float32))
            row[column] = weight
        elif name in pos_rows:
            row = pos_rows[name].setdefault(key[1:], np.zeros((len(POSITIONS), size), np.float32))
            row[int(key[0]), column] = weight
        elif name in word_rows:
            row = word_rows[name].setdefault(key, np.zeros(size, np.float32))
            row[column] = weight
    arrays: dict[str, Any] = {"labels": np.array(labels), "transitions": transitions}
    for name, rows in char_rows.items():
        keys = np.array(sorted(rows), dtype=np.int64)
        arrays[f"c.{name}.keys"] = keys
        arrays[f"c.{name}.w"] = np.array([rows[k] for k in keys.tolist()], np.float32).reshape(
            len(keys), size
        )
    for group, width in ((pos_rows, (len(POSITIONS), size)), (word_rows, (size,))):
        for name, rows in group.items():
            keys_list = sorted(rows)
            arrays[f"w.{name}.keys"] = np.array(keys_list, dtype=str)
            arrays[f"w.{name}.w"] = np.array([rows[k] for k in keys_list], np.float32).reshape(
                len(keys_list), *width
            )
    _save(arrays, out)


def average(models: list[Path], out: Path, weights: list[float] | None = None) -> None:
    """Write the (``weights``-weighted) mean of several exported models (same labels; a
    missing key weighs 0)."""
    data = []
    for path in models:
        with np.load(path, allow_pickle=False) as loaded:
            data.append({name: loaded[name] for name in loaded.files})
    share = (
        [1.0 / len(data)] * len(data) if weights is None else [w / sum(weights) for w in weights]
    )
    labels = [str(x) for x in data[0]["labels"]]
    if any([str(x) for x in d["labels"]] != labels for d in data):
        raise ValueError("models with different label sets cannot be averaged")
    arrays: dict[str, Any] = {
        "labels": data[0]["labels"],
        "transitions": np.average([d["transitions"] for d in data], axis=0, weights=share).astype(
            np.float32
        ),
    }
    tables = sorted(name[: -len(".keys")] for name in data[0] if name.endswith(".keys"))
    for table in tables:
        keys = [d[f"{table}.keys"] for d in data]
        union = np.unique(np.concatenate(keys))
        total = np.zeros((len(union), *data[0][f"{table}.w"].shape[1:]), dtype=np.float64)
        for d, own, w in zip(data, keys, share, strict=True):
            total[np.searchsorted(union, own)] += w * d[f"{table}.w"]
        arrays[f"{table}.keys"] = union
        arrays[f"{table}.w"] = total.astype(np.float32)
    _save(arrays, out)

"""Averaging exported tagger models (``store.entities.export.average``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from store.entities.export import average


def _model(path: Path, transitions: float, rows: dict[int, float]) -> Path:
    keys = np.array(sorted(rows), dtype=np.int64)
    np.savez(
        path,
        labels=np.array(["O", "B-PER"]),
        transitions=np.full((2, 2), transitions, np.float32),
        **{
            "c.u0.keys": keys,
            "c.u0.w": np.array([[rows[k], -rows[k]] for k in keys.tolist()], np.float32),
        },
    )
    return path


def test_the_mean_and_a_weighted_mean_of_two_models(tmp_path: Path) -> None:
    a = _model(tmp_path / "a.npz", 1.0, {1: 2.0, 2: 4.0})
    b = _model(tmp_path / "b.npz", 3.0, {2: 8.0, 3: 6.0})  # key 1 missing: it weighs 0
    average([a, b], tmp_path / "mean.npz")
    with np.load(tmp_path / "mean.npz") as mean:
        assert mean["transitions"][0, 0] == pytest.approx(2.0)
        assert mean["c.u0.keys"].tolist() == [1, 2, 3]
        assert mean["c.u0.w"][:, 0].tolist() == pytest.approx([1.0, 6.0, 3.0])
    average([a, b], tmp_path / "weighted.npz", [1.0, 3.0])  # weights need not sum to 1
    with np.load(tmp_path / "weighted.npz") as weighted:
        assert weighted["transitions"][0, 0] == pytest.approx(2.5)
        assert weighted["c.u0.w"][:, 0].tolist() == pytest.approx([0.5, 7.0, 4.5])
        assert weighted["c.u0.w"][:, 1].tolist() == pytest.approx([-0.5, -7.0, -4.5])

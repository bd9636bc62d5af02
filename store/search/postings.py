"""Posting lists as Python ints used as bit sets: AND/OR/NOT run in C over 64-bit words.

Document numbers are positions in the index's date order (0 = newest), so walking the set
bits in increasing order yields results newest first with no sort.

On disk a posting is either a little-endian bit mask of ``nbytes(n)`` bytes (dense lists) or a
sorted ``uint32`` array (sparse ones) — whichever is smaller; the length tells them apart.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence

try:  # numpy (already used by the entity tagger) runs the bit loops in C; optional here
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

_NUMPY_MIN = 64  # below this many positions / bytes the plain loops are as fast

_BIT_OFFSETS: tuple[tuple[int, ...], ...] = tuple(
    tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)
)


def nbytes(n: int) -> int:
    """Bytes in the bit mask of an ``n``-document corpus."""
    return (n + 7) // 8


def from_positions(positions: Iterable[int], n: int) -> int:
    """A bit set with the given document numbers."""
    if np is not None:
        nums = (
            positions
            if isinstance(positions, np.ndarray)  # already an array: no walk over it
            else np.fromiter(positions, dtype=np.int64)
        )
        if len(nums) > _NUMPY_MIN:
            flags = np.zeros(nbytes(n) * 8, dtype=np.uint8)
            flags[nums] = 1
            return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")
        positions = nums.tolist()
    buf = bytearray(nbytes(n))
    for p in positions:
        buf[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buf, "little")


def positions(mask: int) -> list[int]:
    """The document numbers in ``mask``, ascending."""
    if not mask:
        return []
    data = mask.to_bytes(nbytes(mask.bit_length()), "little")
    if np is not None and len(data) > _NUMPY_MIN:
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
        return np.flatnonzero(bits).tolist()
    table = _BIT_OFFSETS
    return [i * 8 + bit for i, byte in enumerate(data) if byte for bit in table[byte]]


def full(n: int) -> int:
    """The bit set of every document."""
    return (1 << n) - 1


def span(lo: int, hi: int) -> int:
    """The bit set of documents ``lo`` .. ``hi - 1``."""
    return ((1 << (hi - lo)) - 1) << lo if hi > lo else 0


def encode(doc_numbers: Sequence[int], n: int) -> bytes:
    """The on-disk form of sorted document numbers (an ``array('I')`` or numpy array)."""
    size = nbytes(n)
    if np is not None:
        nums = np.asarray(doc_numbers, dtype=np.uint32)
        if 4 * len(nums) >= size:
            flags = np.zeros(size * 8, dtype=np.uint8)
            flags[nums] = 1
            return np.packbits(flags, bitorder="little").tobytes()
        return nums.astype("<u4").tobytes()
    if 4 * len(doc_numbers) >= size:
        return from_positions(doc_numbers, n).to_bytes(size, "little")
    nums = array("I", doc_numbers)
    if sys.byteorder != "little":
        nums.byteswap()
    return nums.tobytes()


def decode(blob: bytes | memoryview, n: int) -> int:
    """The bit set stored by ``encode``."""
    if len(blob) == nbytes(n):
        return int.from_bytes(blob, "little")
    nums = array("I")
    nums.frombytes(blob)
    if sys.byteorder != "little":
        nums.byteswap()
    return from_positions(nums, n)

"""Text recognition of cut-out pieces of a page (a cell's line, a line of prose), with how sure it is.

The model is PP-OCRv4's recogniser as shipped inside the `rapidocr-onnxruntime` wheel (offline), run
by onnxruntime directly. It reads a strip 48 pixels high of any width, at a cost proportional to the
width, and says for every 8 pixels which character (or none) is there and how likely. Most pieces of a
report are short (a number cell is one or two digits), so pieces are packed side by side into strips,
with white space between them, instead of each being padded to a line's width: a page is read in a few
calls at about a quarter of the cost. Each character found is given back to the piece it lies in.

A reading's confidence is that of its least likely character: one doubtful digit makes the number
doubtful. The runner-up of that character is kept, as what the digit may be instead.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]

HEIGHT = 48
# Input pixels per output step of the model.
_STRIDE = 8
# Input pixels between two pieces of a strip. They are left at 0 (mid grey), as the model's training
# padded every line: a lone digit read beside a grey gap is read as surely as alone, beside white
# paper far less surely (measured: mean confidence of lone digits 0.98 against 0.7).
_GAP = 16
# Width of a strip of packed pieces; wider pieces are read alone.
_STRIP = 1280
# Largest batch (strips × width, input pixels): bounds the memory of one call.
_BATCH_AREA = 8 * _STRIP
# A piece read alone is at least this wide (narrower input loses lone `0`s and minus signs).
_ALONE_WIDTH = 160
_MODEL = "models/ch_PP-OCRv4_rec_infer.onnx"


@dataclass(frozen=True)
class Reading:
    """What a piece says, character by character, with how likely the model finds each character and
    its second choice there."""

    text: str
    confidences: tuple[float, ...] = ()
    runner_ups: tuple[str, ...] = ()

    @property
    def confidence(self) -> float:
        """That of the least likely character (1.0 when nothing was read): one doubtful digit makes
        the number doubtful."""
        return min(self.confidences, default=1.0)

    @property
    def mean(self) -> float:
        return sum(self.confidences) / len(self.confidences) if self.confidences else 1.0

    def alternative(self) -> str | None:
        """The text with its least likely character replaced by the model's second choice."""
        if not self.text:
            return None
        at = self.confidences.index(self.confidence)
        other = self.runner_ups[at]
        return self.text[:at] + other + self.text[at + 1 :] if other else None


def model_path() -> Path:
    """The recogniser shipped inside rapidocr-onnxruntime; ImportError when the extra is missing."""
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("rapidocr_onnxruntime is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / _MODEL
    if not path.is_file():
        raise ImportError(f"the recognition model is missing: {path}")
    return path


class Recogniser:
    """The recognition model in an onnxruntime session that keeps at most `threads` threads busy."""

    def __init__(self, threads: int) -> None:
        import onnxruntime as ort  # type: ignore[import-untyped]

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # Waiting threads sleep instead of spinning: a spinning thread is a busy thread on a shared machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.threads = threads
        self.session: Any = ort.InferenceSession(
            str(model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.input = self.session.get_inputs()[0].name
        meta = self.session.get_modelmeta().custom_metadata_map
        self.characters = ["", *meta["character"].splitlines(), " "]

    def read(self, pieces: list[Gray], alone: bool = False) -> list[Reading]:
        """The readings of grey pieces (white background, any size), packed into strips unless `alone`."""
        inputs = [_normalised(piece) for piece in pieces]
        strips = [[i] for i in range(len(inputs))] if alone else _pack([x.shape[1] for x in inputs])
        found: list[list[_Char]] = [[] for _ in inputs]
        for batch in _batches(strips, [x.shape[1] for x in inputs], alone):
            self._run(batch, inputs, found, alone)
        return [_reading(chars) for chars in found]

    def _run(
        self,
        strips: list[list[int]],
        inputs: list[NDArray[np.float32]],
        found: list[list[_Char]],
        alone: bool,
    ) -> None:
        widths = [sum(inputs[i].shape[1] for i in s) + _GAP * (len(s) - 1) for s in strips]
        width = max(max(widths), _ALONE_WIDTH if alone else 0)
        width = -(-width // _STRIDE) * _STRIDE
        # Everything around the pieces is 0 (mid grey), as the model was trained.
        batch = np.zeros((len(strips), 1, HEIGHT, width), dtype=np.float32)
        spans: list[list[tuple[int, int, int]]] = []
        for row, strip in enumerate(strips):
            x = 0
            placed = []
            for index in strip:
                piece = inputs[index]
                batch[row, 0, :, x : x + piece.shape[1]] = piece
                placed.append((x, x + piece.shape[1], index))
                x += piece.shape[1] + _GAP
            spans.append(placed)
        probs = self.session.run(None, {self.input: np.repeat(batch, 3, axis=1)})[0]
        steps = probs.shape[1]
        for row, placed in enumerate(spans):
            for char in _decode(probs[row], self.characters):
                centre = (char.step + 0.5) * width / steps
                found[_owner(placed, centre)].append(char)


@dataclass
class _Char:
    text: str
    step: int
    confidence: float
    runner_up: str


def _decode(probs: NDArray[np.float32], characters: list[str]) -> list[_Char]:
    """Greedy CTC: the most likely class at each step, repeats merged, blanks dropped."""
    best = probs.argmax(axis=1)
    chars: list[_Char] = []
    previous = 0
    for step, index in enumerate(best.tolist()):
        if index != 0 and index != previous:
            row = probs[step]
            second = int(np.argpartition(row, -2)[-2])
            chars.append(_Char(characters[index], step, float(row[index]), characters[second]))
        elif index != 0 and chars and float(probs[step, index]) > chars[-1].confidence:
            # A character seen over several steps is as sure as its surest step.
            chars[-1].confidence = float(probs[step, index])
        previous = index
    return chars


def _owner(placed: list[tuple[int, int, int]], centre: float) -> int:
    """The piece a character at `centre` belongs to: the one it lies in, else the nearest."""
    starts = [start for start, _end, _index in placed]
    at = max(0, bisect_right(starts, centre) - 1)
    _start, end, index = placed[at]
    if centre < end or at + 1 == len(placed):
        return index
    following = placed[at + 1]
    return index if centre - end <= following[0] - centre else following[2]


def _reading(chars: list[_Char]) -> Reading:
    # Spaces say little in Chinese text and nothing in a number; they are not read.
    chars = [c for c in chars if c.text.strip()]
    return Reading(
        "".join(c.text for c in chars),
        tuple(c.confidence for c in chars),
        tuple(c.runner_up.strip() for c in chars),
    )


def _normalised(piece: Gray) -> NDArray[np.float32]:
    """A piece scaled to the model's height, as the model takes it (-1 black … 1 white)."""
    import cv2

    height, width = piece.shape
    scaled_width = max(1, int(np.ceil(width * HEIGHT / height)))
    interpolation = cv2.INTER_AREA if height > HEIGHT else cv2.INTER_LINEAR
    resized = cv2.resize(piece, (scaled_width, HEIGHT), interpolation=interpolation)
    return np.asarray(resized, dtype=np.float32) / 127.5 - 1.0


def _pack(widths: list[int]) -> list[list[int]]:
    """Pieces in order, packed into strips of at most _STRIP input pixels."""
    strips: list[list[int]] = []
    used = 0
    for index, width in enumerate(widths):
        if strips and used + _GAP + width <= _STRIP:
            strips[-1].append(index)
            used += _GAP + width
        else:
            strips.append([index])
            used = width
    return strips


def _batches(strips: list[list[int]], widths: list[int], alone: bool) -> list[list[list[int]]]:
    """Strips grouped for one model call each: similar widths together, so little is padding."""

    def width(strip: list[int]) -> int:
        return max(sum(widths[i] for i in strip) + _GAP * (len(strip) - 1), _ALONE_WIDTH if alone else 0)

    batches: list[list[list[int]]] = []
    for strip in sorted(strips, key=width):
        if batches and (len(batches[-1]) + 1) * width(strip) <= _BATCH_AREA:
            batches[-1].append(strip)
        else:
            batches.append([strip])
    return batches

"""A scanned page made ready for reading: lit evenly, set straight, and its ink told from its paper.

An office scan is grey, lit unevenly, a little askew and noisy. The paper's own brightness is estimated
across the page (a wide maximum filter that removes the ink) and divided out, so the same threshold
tells ink from paper everywhere. The skew is the angle at which the rows of ink line up best — the
table rules and the lines of text both do — and the page is turned back by it. Coordinates found on
the straightened page are turned back to the page as scanned before they leave the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]
Mask = NDArray[np.bool_]
BBox = tuple[float, float, float, float]

# Steps (pixels) of the coarse grid on which the paper's brightness is estimated; larger than a
# character, so that no character is taken for paper.
_PAPER_STEP = 8
_PAPER_WINDOW = 7  # grid steps the maximum filter spans (about 56 pixels at 200 dpi)
# Normalised grey (paper = 255) darker than this is ink. Blurred thin strokes and faint rules are far
# paler than solid toner, and paper with the sensor's noise stays far above it.
INK = 215
# Skews searched (degrees): scanners feed sheets askew by a degree or two at most.
_MAX_SKEW = 2.5
_COARSE_STEP = 0.1
_FINE_STEP = 0.01
# Skews smaller than this are not corrected: turning the page would blur it for nothing.
_NEGLIGIBLE_SKEW = 0.02
# The skew is measured on ink reduced by this factor (enough for a 0.01° resolution over a page).
_SKEW_REDUCTION = 2


@dataclass
class Page:
    """A page ready for reading: grey with the paper at 255, straight, and how it was turned."""

    gray: Gray
    ink: Mask
    skew: float  # degrees the scan was askew (counter-clockwise positive); 0 when not turned
    width: int
    height: int

    def to_scan(self, bbox: BBox) -> BBox:
        """A box on the straightened page as the box that holds it on the page as scanned."""
        if self.skew == 0:
            return bbox
        x0, top, x1, bottom = bbox
        corners = np.array([[x0, top], [x1, top], [x1, bottom], [x0, bottom]], dtype=np.float64)
        turned = _turn(corners, -self.skew, self.width, self.height)
        return (
            float(turned[:, 0].min()),
            float(turned[:, 1].min()),
            float(turned[:, 0].max()),
            float(turned[:, 1].max()),
        )


def prepare(gray: Gray) -> Page:
    """The page lit evenly and turned straight."""
    flat = even_lighting(gray)
    skew = measure_skew(flat < INK)
    if abs(skew) < _NEGLIGIBLE_SKEW:
        skew = 0.0
    else:
        flat = _rotate(flat, skew)
    return Page(flat, flat < INK, skew, gray.shape[1], gray.shape[0])


def even_lighting(gray: Gray) -> Gray:
    """The page divided by its paper's brightness: paper becomes 255 everywhere, ink keeps its contrast."""
    import cv2

    height, width = gray.shape
    small = cv2.resize(
        gray, (max(1, width // _PAPER_STEP), max(1, height // _PAPER_STEP)), interpolation=cv2.INTER_AREA
    )
    kernel = np.ones((_PAPER_WINDOW, _PAPER_WINDOW), np.uint8)
    paper = cv2.dilate(small, kernel)
    paper = cv2.blur(paper, (_PAPER_WINDOW, _PAPER_WINDOW))
    paper = cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, np.maximum(paper, 1), scale=255)
    return np.asarray(flat, dtype=np.uint8)


def measure_skew(ink: Mask) -> float:
    """The angle (degrees, counter-clockwise positive) at which the page's rows of ink line up best.

    Each candidate angle shears the ink points and counts them per row; lines of text and table
    rules make that count sharply peaked when the angle is right (the sum of squares is largest).
    A coarse search over the whole range is refined around its best angle.
    """
    reduced = _reduce(ink, _SKEW_REDUCTION)
    ys, xs = np.nonzero(reduced)
    if ys.size < 100:
        return 0.0
    xs_f = xs.astype(np.float64) - reduced.shape[1] / 2
    ys_f = ys.astype(np.float64)
    rows = reduced.shape[0]

    def sharpness(angle: float) -> float:
        # Image y points down: ink tilted counter-clockwise rises to the right. Each point is shared
        # between the two rows it falls between, so that a turn of a fraction of a row still counts.
        shifted = ys_f + xs_f * np.tan(np.radians(angle))
        inside = (shifted >= 0) & (shifted < rows - 1)
        shifted = shifted[inside]
        low = shifted.astype(np.int64)
        upper = shifted - low
        counts = np.bincount(low, weights=1.0 - upper, minlength=rows)
        counts += np.bincount(low + 1, weights=upper, minlength=rows)
        # Plain arithmetic, not BLAS: a BLAS call may start threads of its own.
        return float((counts * counts).sum())

    coarse = np.arange(-_MAX_SKEW, _MAX_SKEW + _COARSE_STEP / 2, _COARSE_STEP)
    best = float(coarse[int(np.argmax([sharpness(a) for a in coarse]))])
    fine = np.arange(best - _COARSE_STEP, best + _COARSE_STEP + _FINE_STEP / 2, _FINE_STEP)
    return float(fine[int(np.argmax([sharpness(a) for a in fine]))])


def _reduce(mask: Mask, factor: int) -> Mask:
    """The mask shrunk by `factor`: a pixel is ink when any pixel it covers is."""
    height, width = (mask.shape[0] // factor) * factor, (mask.shape[1] // factor) * factor
    blocks = mask[:height, :width].reshape(height // factor, factor, width // factor, factor)
    return np.asarray(blocks.any(axis=(1, 3)), dtype=np.bool_)


def _rotate(gray: Gray, skew: float) -> Gray:
    """The page turned by -skew about its centre, paper filling the corners."""
    import cv2

    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -skew, 1.0)
    turned = cv2.warpAffine(
        gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
    return np.asarray(turned, dtype=np.uint8)


def _turn(points: NDArray[np.float64], skew: float, width: int, height: int) -> NDArray[np.float64]:
    """Points turned by -skew about the page centre, as `_rotate` turns the image."""
    import cv2

    m = np.asarray(cv2.getRotationMatrix2D((width / 2, height / 2), -skew, 1.0), dtype=np.float64)
    xs, ys = points[:, 0], points[:, 1]
    return np.stack([m[0, 0] * xs + m[0, 1] * ys + m[0, 2], m[1, 0] * xs + m[1, 1] * ys + m[1, 2]], axis=1)

"""Scanned copies of rendered reports, degraded the way an office scanner degrades paper.

The OCR reader is measured on these (tests and `make bench`): a report is rendered to PDF by the
project's own renderer, each page is rasterised, and each page is then given its own draw of what a
scanner does to a printed sheet — the sheet lies a little askew (either way) and a little off square,
the optics blur, dust leaves specks, the lamp lights the page unevenly, the paper is grey rather than
white and the toner not quite black, the sensor adds noise, and the result is stored as a grey JPEG at
the scanner's quality setting. Every draw is recorded, so a result can be broken down by degradation.
The same seed always gives the same scan. Needs the `[ocr]` extra (OpenCV).
"""

from __future__ import annotations

import io
import random
from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

# Office scanners store reports at 200 dpi; pages are rasterised finer first so that rotation and
# scaling resample a sharp source, as the scanner's optics do.
DPI = 200
_SOURCE_DPI = 300

Coverage = NDArray[np.float32]


@dataclass(frozen=True)
class ScanLook:
    """How one page was scanned: every degradation drawn for it."""

    angle: float  # degrees the sheet lies askew, counter-clockwise positive
    scale: float  # the scanner's fit-to-page enlargement (1.0 = exact size)
    keystone: float  # largest corner displacement of the perspective, as a fraction of the width
    shift: tuple[float, float]  # offset of the sheet on the glass (pixels)
    blur: float  # Gaussian sigma of the optics (pixels)
    paper: int  # grey level of blank paper (0-255)
    ink: int  # grey level of solid toner
    shading: float  # how much darker the worst-lit corner is than the best-lit one (fraction)
    noise: float  # sensor noise sigma (grey levels)
    specks: int  # dust specks on the page
    quality: int  # JPEG quality the scan is stored at

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


CLEAN = ScanLook(0.0, 1.0, 0.0, (0.0, 0.0), 0.0, 255, 0, 0.0, 0.0, 0, 95)


def office_look(rng: random.Random) -> ScanLook:
    """One page's draw of an office scan: askew up to ±1.2° either way, a little off scale and off
    square, slightly blurred, specked, unevenly lit, grey, noisy, JPEG at a realistic quality."""
    return ScanLook(
        angle=rng.uniform(-1.2, 1.2),
        scale=rng.uniform(0.97, 1.03),
        keystone=rng.uniform(0.0, 0.002),
        shift=(rng.uniform(-20, 20), rng.uniform(-20, 20)),
        blur=rng.uniform(0.4, 1.1),
        paper=rng.randint(205, 245),
        ink=rng.randint(15, 75),
        shading=rng.uniform(0.0, 0.15),
        noise=rng.uniform(1.0, 5.0),
        specks=rng.randint(20, 400),
        quality=rng.randint(35, 85),
    )


def rasterise(pdf: bytes, dpi: int = _SOURCE_DPI) -> list[Image.Image]:
    """Every page of a PDF as a grey image at `dpi`."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def scan_page(
    page: Image.Image, look: ScanLook, rng: random.Random, source_dpi: int = _SOURCE_DPI
) -> Image.Image:
    """A grey page image (rasterised at `source_dpi`) as the scanner sees it, at 200 dpi (before JPEG)."""
    import cv2

    source: Coverage = 1.0 - np.asarray(page, dtype=np.float32) / 255.0
    factor = DPI / source_dpi
    width, height = round(page.width * factor), round(page.height * factor)
    coverage: Coverage
    if look == CLEAN:
        resized = cv2.resize(source, (width, height), interpolation=cv2.INTER_AREA)
        coverage = np.asarray(resized, dtype=np.float32)
    else:
        # Smooth before resampling so that thin strokes are not aliased away.
        source = np.asarray(cv2.GaussianBlur(source, (0, 0), 0.5 / factor), dtype=np.float32)
        matrix = cv2.getPerspectiveTransform(
            _corners(page.width, page.height), _placed(width, height, look, rng)
        )
        coverage = np.asarray(
            cv2.warpPerspective(source, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=0.0),
            dtype=np.float32,
        )
        _add_specks(coverage, look.specks, rng)
        if look.blur > 0:
            coverage = np.asarray(cv2.GaussianBlur(coverage, (0, 0), look.blur), dtype=np.float32)
    background = look.paper * _lighting(width, height, look.shading, rng)
    grey = np.asarray(background * (1.0 - coverage) + look.ink * coverage, dtype=np.float64)
    if look.noise > 0:
        grey += np.random.default_rng(rng.getrandbits(32)).normal(0.0, look.noise, grey.shape)
    return Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), mode="L")


def _corners(width: float, height: float) -> NDArray[np.float32]:
    return np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)


def _placed(width: int, height: int, look: ScanLook, rng: random.Random) -> NDArray[np.float32]:
    """Where the sheet's corners land in the scan: scaled and rotated about the page centre,
    shifted, and each corner nudged for the perspective of a sheet not lying flat."""
    centre = np.array([width / 2, height / 2], dtype=np.float64)
    theta = np.radians(-look.angle)  # image y points down: a counter-clockwise tilt is a negative turn
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    out = []
    for corner in _corners(width, height).astype(np.float64):
        nudge = np.array([rng.uniform(-1, 1), rng.uniform(-1, 1)]) * look.keystone * width
        out.append(centre + look.scale * turn @ (corner - centre) + np.array(look.shift) + nudge)
    return np.array(out, dtype=np.float32)


def _add_specks(coverage: Coverage, count: int, rng: random.Random) -> None:
    """Dust: small dark dots, a few of them short fibres, anywhere on the page."""
    import cv2

    height, width = coverage.shape
    for _ in range(count):
        x, y = rng.randrange(width), rng.randrange(height)
        darkness = rng.uniform(0.4, 1.0)
        if rng.random() < 0.05:
            length, turn = rng.uniform(4, 10), rng.uniform(0, np.pi)
            end = (int(x + length * np.cos(turn)), int(y + length * np.sin(turn)))
            cv2.line(coverage, (x, y), end, darkness, 1, cv2.LINE_AA)
        else:
            cv2.circle(coverage, (x, y), rng.choice((0, 1, 1, 2)), darkness, -1, cv2.LINE_AA)


def _lighting(width: int, height: int, shading: float, rng: random.Random) -> NDArray[np.float32]:
    """The lamp's light across the page, 1.0 at its brightest: a gradient in a random direction and
    a fall-off towards the edges, together dimming the worst corner by `shading`."""
    if shading <= 0:
        return np.ones((height, width), dtype=np.float32)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    xs, ys = xs / width - 0.5, ys / height - 0.5
    direction = rng.uniform(0, 2 * np.pi)
    gradient = xs * np.cos(direction) + ys * np.sin(direction)
    falloff = xs**2 + ys**2
    mix = rng.uniform(0.3, 1.0)
    field = mix * gradient + (1 - mix) * falloff
    field = (field - field.min()) / max(float(field.max() - field.min()), 1e-6)
    return np.asarray(1.0 - shading * field, dtype=np.float32)


def jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


@dataclass
class Scan:
    """A scanned report: one JPEG per page and the look each page was scanned with."""

    pages: list[bytes]
    looks: list[ScanLook]

    def pdf(self) -> bytes:
        """The pages as an image-only PDF (A4 at 200 dpi), each JPEG stored as scanned."""
        return images_to_pdf(self.pages)


def scan_report(pdf: bytes, seed: int, office: bool = True) -> Scan:
    """A scanned copy of a report PDF: each page with its own office-scan look (`office`), or
    straight and clean (the renders the OCR reader was first built on)."""
    pages: list[bytes] = []
    looks: list[ScanLook] = []
    for number, page in enumerate(rasterise(pdf)):
        rng = random.Random(f"{seed}:{number}")
        look = office_look(rng) if office else CLEAN
        pages.append(jpeg(scan_page(page, look, rng), look.quality))
        looks.append(look)
    return Scan(pages, looks)


def images_to_pdf(jpegs: list[bytes], dpi: int = DPI) -> bytes:
    """An image-only PDF with each JPEG as one page, stored without re-encoding."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    try:
        for data in jpegs:
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
            w, h = width * 72 / dpi, height * 72 / dpi
            page = doc.new_page(w, h)
            image = pdfium.PdfImage.new(doc)
            image.load_jpeg(io.BytesIO(data), pages=[page], inline=False, autoclose=True)
            image.set_matrix(pdfium.PdfMatrix().scale(w, h))
            page.insert_obj(image)
            page.gen_content()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()

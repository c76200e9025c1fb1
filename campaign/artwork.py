"""The site's hand-drawn SVG artwork (mark, illustrations) rasterised with Pillow.

Wagtail images, favicons and share cards need pixels, and the drawings live as SVG files in
``static/img``. Rather than add a native SVG library (cairo) to the project, this draws the
small subset of SVG the artwork is written in: ``circle``, ``ellipse``, ``rect`` (with
``rx``), ``line``, ``polyline``, ``polygon`` and ``path`` (M, L, H, V, C, Q, A, Z, absolute
or relative), grouped in ``g`` with ``transform`` (translate, scale, rotate, matrix), painted
with ``fill``, ``stroke``, ``stroke-width``, ``stroke-linecap`` and ``opacity``. Anything
else raises ``UnsupportedSvg``, so a drawing that would rasterise wrongly fails loudly (the
tests rasterise every file). Shapes are drawn two to four times larger and scaled down,
which smooths their edges.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

SVG_NS = "{http://www.w3.org/2000/svg}"
STATIC_IMG = Path(__file__).resolve().parent.parent / "static" / "img"
SUPERSAMPLE = 4
CURVE_STEPS = 24
IGNORED = {"title", "desc", "metadata"}
SHAPES = {"circle", "ellipse", "rect", "line", "polyline", "polygon", "path"}
PAINT_ATTRIBUTES = ("fill", "stroke", "stroke-width", "stroke-linecap", "opacity", "fill-opacity", "stroke-opacity")

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


class UnsupportedSvg(ValueError):
    """The drawing uses SVG this rasteriser does not draw."""


@dataclass(frozen=True)
class Subpath:
    points: list[Point]
    closed: bool


def multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def apply(m: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = m
    x, y = point
    return (a * x + c * y + e, b * x + d * y + f)


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", text or "")]


def parse_transform(text: str | None) -> Matrix:
    matrix = IDENTITY
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", text or ""):
        values = numbers(args)
        if name == "translate":
            step = (1, 0, 0, 1, values[0], values[1] if len(values) > 1 else 0)
        elif name == "scale":
            sx = values[0]
            step = (sx, 0, 0, values[1] if len(values) > 1 else sx, 0, 0)
        elif name == "rotate":
            angle = math.radians(values[0])
            cos, sin = math.cos(angle), math.sin(angle)
            step = (cos, sin, -sin, cos, 0, 0)
            if len(values) == 3:
                cx, cy = values[1], values[2]
                step = multiply(multiply((1, 0, 0, 1, cx, cy), step), (1, 0, 0, 1, -cx, -cy))
        elif name == "matrix":
            step = tuple(values)  # type: ignore[assignment]
        else:
            raise UnsupportedSvg(f"transform {name}()")
        matrix = multiply(matrix, step)
    return matrix


def ellipse_points(cx: float, cy: float, rx: float, ry: float, steps: int = 72) -> list[Point]:
    return [(cx + rx * math.cos(2 * math.pi * i / steps), cy + ry * math.sin(2 * math.pi * i / steps)) for i in range(steps)]


def arc_points(start: Point, rx: float, ry: float, rotation: float, large: bool, sweep: bool, end: Point) -> list[Point]:
    """An SVG elliptical arc as points (the endpoint-to-centre conversion of SVG 1.1, F.6.5)."""
    x1, y1 = start
    x2, y2 = end
    if rx == 0 or ry == 0 or start == end:
        return [end]
    rx, ry = abs(rx), abs(ry)
    phi = math.radians(rotation)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p, y1p = cos * dx + sin * dy, -sin * dx + cos * dy
    scale = x1p**2 / rx**2 + y1p**2 / ry**2
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx**2 * ry**2 - rx**2 * y1p**2 - ry**2 * x1p**2
    denominator = rx**2 * y1p**2 + ry**2 * x1p**2
    factor = math.sqrt(max(0.0, numerator / denominator)) if denominator else 0.0
    if large == sweep:
        factor = -factor
    cxp, cyp = factor * rx * y1p / ry, -factor * ry * x1p / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    theta = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and delta > 0:
        delta -= 2 * math.pi
    elif sweep and delta < 0:
        delta += 2 * math.pi
    steps = max(4, int(abs(delta) / (2 * math.pi) * 72))
    points = []
    for i in range(1, steps + 1):
        t = theta + delta * i / steps
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append((cos * x - sin * y + cx, sin * x + cos * y + cy))
    return points


def path_subpaths(d: str) -> list[Subpath]:
    tokens = re.findall(r"[MmLlHhVvCcQqAaZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", d)
    subpaths: list[Subpath] = []
    points: list[Point] = []
    current: Point = (0.0, 0.0)
    start: Point = (0.0, 0.0)
    command = ""
    i = 0

    def take(n: int) -> list[float]:
        nonlocal i
        values = [float(t) for t in tokens[i : i + n]]
        if len(values) != n:
            raise UnsupportedSvg(f"path data ends early: {d!r}")
        i += n
        return values

    def finish(closed: bool) -> None:
        nonlocal points
        if len(points) > 1:
            subpaths.append(Subpath(points, closed))
        points = []

    while i < len(tokens):
        if re.fullmatch(r"[A-Za-z]", tokens[i]):
            command = tokens[i]
            i += 1
            if command in "Zz":
                finish(True)
                current = start
                continue
        elif not command:
            raise UnsupportedSvg(f"path data without a command: {d!r}")
        relative = command.islower()
        ox, oy = current if relative else (0.0, 0.0)
        kind = command.upper()
        if kind == "M":
            x, y = take(2)
            finish(False)
            current = start = (ox + x, oy + y)
            points = [current]
            command = "l" if relative else "L"
            continue
        if not points:
            points = [current]
        if kind == "L":
            x, y = take(2)
            current = (ox + x, oy + y)
            points.append(current)
        elif kind == "H":
            (x,) = take(1)
            current = ((current[0] if relative else 0.0) + x, current[1])
            points.append(current)
        elif kind == "V":
            (y,) = take(1)
            current = (current[0], (current[1] if relative else 0.0) + y)
            points.append(current)
        elif kind == "C":
            x1, y1, x2, y2, x, y = take(6)
            p0, p1, p2, p3 = current, (ox + x1, oy + y1), (ox + x2, oy + y2), (ox + x, oy + y)
            for step in range(1, CURVE_STEPS + 1):
                t = step / CURVE_STEPS
                u = 1 - t
                points.append((
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                ))
            current = p3
        elif kind == "Q":
            x1, y1, x, y = take(4)
            p0, p1, p2 = current, (ox + x1, oy + y1), (ox + x, oy + y)
            for step in range(1, CURVE_STEPS + 1):
                t = step / CURVE_STEPS
                u = 1 - t
                points.append((u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]))
            current = p2
        elif kind == "A":
            rx, ry, rotation, large, sweep, x, y = take(7)
            end = (ox + x, oy + y)
            points.extend(arc_points(current, rx, ry, rotation, bool(large), bool(sweep), end))
            current = end
        else:
            raise UnsupportedSvg(f"path command {command}")
    finish(False)
    return subpaths


def shape_subpaths(tag: str, el: ET.Element) -> list[Subpath]:
    def num(name: str, default: float = 0.0) -> float:
        return float(el.get(name, default))

    if tag == "circle":
        r = num("r")
        return [Subpath(ellipse_points(num("cx"), num("cy"), r, r), True)]
    if tag == "ellipse":
        return [Subpath(ellipse_points(num("cx"), num("cy"), num("rx"), num("ry")), True)]
    if tag == "rect":
        x, y, w, h = num("x"), num("y"), num("width"), num("height")
        r = min(num("rx", num("ry")), w / 2, h / 2)
        if r <= 0:
            return [Subpath([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], True)]
        d = (f"M{x + r} {y}H{x + w - r}A{r} {r} 0 0 1 {x + w} {y + r}V{y + h - r}A{r} {r} 0 0 1 {x + w - r} {y + h}"
             f"H{x + r}A{r} {r} 0 0 1 {x} {y + h - r}V{y + r}A{r} {r} 0 0 1 {x + r} {y}Z")
        return path_subpaths(d)
    if tag == "line":
        return [Subpath([(num("x1"), num("y1")), (num("x2"), num("y2"))], False)]
    if tag in {"polyline", "polygon"}:
        values = numbers(el.get("points", ""))
        return [Subpath(list(zip(values[0::2], values[1::2], strict=True)), tag == "polygon")]
    return path_subpaths(el.get("d", ""))


def paint(value: str | None, opacity: float) -> tuple[int, int, int, int] | None:
    if not value or value == "none":
        return None
    red, green, blue = ImageColor.getrgb(value)[:3]
    return (red, green, blue, round(255 * opacity))


def shift(points: list[Point], offset: Point) -> list[Point]:
    return [(x + offset[0], y + offset[1]) for x, y in points]


def stroke_line(pen: ImageDraw.ImageDraw, line: list[Point], colour, width: float, round_ends: bool) -> None:
    """A thick line as one quadrilateral per segment and a disc at each joint (round joins)."""
    half = width / 2
    for (x1, y1), (x2, y2) in zip(line, line[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1)
        if length == 0:
            continue
        nx, ny = -(y2 - y1) / length * half, (x2 - x1) / length * half
        pen.polygon([(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)], fill=colour)
    joints = line[1:-1] + ([line[0], line[-1]] if round_ends else [])
    for x, y in joints:
        pen.ellipse([x - half, y - half, x + half, y + half], fill=colour)


class Canvas:
    def __init__(self, size: tuple[int, int], matrix: Matrix, background: str | None):
        # Four times larger for small pictures (icons), less for large ones, which have
        # smooth enough edges at two and would otherwise take seconds and hundreds of MB.
        factor = max(2, min(SUPERSAMPLE, 2400 // max(size)))
        self.size = (size[0] * factor, size[1] * factor)
        self.matrix = multiply((factor, 0, 0, factor, 0, 0), matrix)
        fill = paint(background, 1.0) if background else (0, 0, 0, 0)
        self.image = Image.new("RGBA", self.size, fill)

    def draw(self, subpaths: list[Subpath], matrix: Matrix, style: dict[str, str]) -> None:
        full = multiply(self.matrix, matrix)
        scale = math.sqrt(abs(full[0] * full[3] - full[1] * full[2]))
        opacity = float(style.get("opacity", 1))
        fill = paint(style.get("fill", "#000"), opacity * float(style.get("fill-opacity", 1)))
        stroke = paint(style.get("stroke"), opacity * float(style.get("stroke-opacity", 1)))
        width = float(style.get("stroke-width", 1)) * scale
        round_caps = style.get("stroke-linecap") == "round"
        for subpath in subpaths:
            points = [apply(full, p) for p in subpath.points]
            if fill and len(points) > 2:
                self.paint(fill, lambda pen, offset, pts=points: pen.polygon(shift(pts, offset), fill=fill), points, 0)
            if stroke and width > 0:
                line = points + [points[0]] if subpath.closed else points
                ends = round_caps or subpath.closed
                self.paint(stroke, lambda pen, offset, ln=line, e=ends: stroke_line(pen, shift(ln, offset), stroke, max(width, 1.0), e), line, width)

    def paint(self, colour, draw, points: list[Point], width: float) -> None:
        """Opaque shapes go straight onto the image; a translucent one is drawn on its own
        layer (cut to its bounding box) and blended, so its overlapping parts do not darken."""
        if colour[3] == 255:
            draw(ImageDraw.Draw(self.image), (0.0, 0.0))
            return
        pad = width + 2
        left = max(0, int(min(x for x, _ in points) - pad))
        top = max(0, int(min(y for _, y in points) - pad))
        right = min(self.size[0], int(max(x for x, _ in points) + pad) + 1)
        bottom = min(self.size[1], int(max(y for _, y in points) + pad) + 1)
        if right <= left or bottom <= top:
            return
        layer = Image.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
        draw(ImageDraw.Draw(layer), (-left, -top))
        self.image.alpha_composite(layer, (left, top))

    def result(self, size: tuple[int, int]) -> Image.Image:
        return self.image.resize(size, Image.Resampling.LANCZOS)


def local(tag: str) -> str:
    return tag[len(SVG_NS):] if tag.startswith(SVG_NS) else tag


def style_of(el: ET.Element, inherited: dict[str, str]) -> dict[str, str]:
    style = dict(inherited)
    style.pop("opacity", None)
    for name in PAINT_ATTRIBUTES:
        if el.get(name) is not None:
            style[name] = el.get(name)  # type: ignore[assignment]
    if "opacity" in inherited and "opacity" in style:
        style["opacity"] = str(float(inherited["opacity"]) * float(style["opacity"]))
    elif "opacity" in inherited:
        style["opacity"] = inherited["opacity"]
    if el.get("style"):
        raise UnsupportedSvg("style attributes (use presentation attributes)")
    return style


def walk(canvas: Canvas, el: ET.Element, matrix: Matrix, style: dict[str, str]) -> None:
    for child in el:
        tag = local(child.tag)
        if tag in IGNORED:
            continue
        child_matrix = multiply(matrix, parse_transform(child.get("transform")))
        child_style = style_of(child, style)
        if tag == "g":
            walk(canvas, child, child_matrix, child_style)
        elif tag in SHAPES:
            canvas.draw(shape_subpaths(tag, child), child_matrix, child_style)
        else:
            raise UnsupportedSvg(f"<{tag}>")


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    values = numbers(root.get("viewBox", ""))
    if len(values) != 4:
        raise UnsupportedSvg("an svg without a viewBox")
    return values[0], values[1], values[2], values[3]


def rasterise(svg: str | Path, size: tuple[int, int], background: str | None = None) -> Image.Image:
    """The drawing at ``size`` pixels (RGBA), fitted to its viewBox (stretched if the ratio differs)."""
    text = Path(svg).read_text() if isinstance(svg, Path) else svg
    root = ET.fromstring(text)
    if local(root.tag) != "svg":
        raise UnsupportedSvg("the root element is not <svg>")
    x, y, w, h = view_box(root)
    matrix = multiply((size[0] / w, 0, 0, size[1] / h, 0, 0), (1, 0, 0, 1, -x, -y))
    canvas = Canvas(size, matrix, background)
    walk(canvas, root, IDENTITY, style_of(root, {}))
    return canvas.result(size)


def title_of(svg: str | Path) -> str:
    """The drawing's text alternative: its ``<title>``."""
    text = Path(svg).read_text() if isinstance(svg, Path) else svg
    title = ET.fromstring(text).find(f"{SVG_NS}title")
    return (title.text or "").strip() if title is not None else ""

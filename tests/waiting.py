"""Waiting for what another thread or process does, in tests."""

import time

import pytest


def wait_until(condition, seconds: float = 5.0) -> None:
    """For what another thread does (a message heard): fail if it has not happened in time."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Not within {seconds} s: {condition.__doc__ or condition}")
        time.sleep(0.01)


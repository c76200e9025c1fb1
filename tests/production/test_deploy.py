"""deploy/ names only management commands and options that exist, and schedules the housekeeping.

A renamed command or option would otherwise surface as a unit failing quietly on a server
(personal data kept past its retention period, old graphics piling up).
"""

import configparser
import shlex
from pathlib import Path

import pytest
from django.core.management import CommandError, get_commands, load_command_class

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SHELL_SEPARATORS = {"&&", "||", ";", "|"}
# Must be run on a schedule in production; each entry is the command and the options it needs.
SCHEDULED = {
    "purge_expired_submissions": [],
    "clear_toolkit_graphics": ["--days"],
    "track_hashtags": ["--every"],
}


def deploy_files() -> list[Path]:
    return sorted(path for path in DEPLOY.rglob("*") if path.is_file() and path.suffix != ".py")


def manage_py_calls(text: str) -> list[tuple[str, list[str]]]:
    """Each `manage.py COMMAND ARGS…` in a file, its arguments cut at a shell separator."""
    calls = []
    for line in text.splitlines():
        if line.lstrip().startswith("#") or "manage.py" not in line:
            continue
        tokens = shlex.split(line.split("=", 1)[1] if line.startswith("Exec") else line)
        for i, token in enumerate(tokens):
            if token.endswith("manage.py") and i + 1 < len(tokens):
                args = []
                for arg in tokens[i + 2:]:
                    if arg in SHELL_SEPARATORS:
                        break
                    args.append(arg)
                calls.append((tokens[i + 1], args))
    return calls


def all_calls() -> list[tuple[str, str, list[str]]]:
    return [(path.name, name, args) for path in deploy_files() for name, args in manage_py_calls(path.read_text())]


def test_the_scanner_reads_procfile_chains_and_systemd_lines():
    assert manage_py_calls("release: python manage.py migrate --noinput && python manage.py check --deploy") == [
        ("migrate", ["--noinput"]),
        ("check", ["--deploy"]),
    ]
    assert manage_py_calls("ExecStart=/srv/app/.venv/bin/python manage.py db_worker --queue-name * -v 1") == [
        ("db_worker", ["--queue-name", "*", "-v", "1"]),
    ]
    assert manage_py_calls("# python manage.py ignored_in_a_comment") == []


@pytest.mark.parametrize("source,name,args", all_calls(), ids=lambda v: v if isinstance(v, str) else None)
def test_every_command_in_deploy_exists_with_its_options(source, name, args, settings):
    # As in production: db_worker's options only parse against a database task backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    commands = get_commands()
    assert name in commands, f"{source}: no management command {name!r}"
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    try:
        parser.parse_args(args)
    except CommandError as error:
        pytest.fail(f"{source}: manage.py {name} {' '.join(args)}: {error}")


def test_housekeeping_is_scheduled():
    scheduled = {}
    for path in deploy_files():
        for name, args in manage_py_calls(path.read_text()):
            scheduled.setdefault(name, set()).update(arg for arg in args if arg.startswith("--"))
    for name, options in SCHEDULED.items():
        assert name in scheduled, f"nothing in deploy/ runs manage.py {name}"
        assert set(options) <= scheduled[name], f"manage.py {name} needs {options}"


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_every_timer_starts_a_oneshot_service_that_exists():
    timers = sorted((DEPLOY / "systemd").glob("*.timer"))
    assert len(timers) >= 3
    for timer in timers:
        service = timer.with_suffix(".service")
        assert service.exists(), f"{timer.name} has no {service.name}"
        assert unit(timer)["Timer"].get("OnCalendar"), timer.name
        assert unit(service)["Service"].get("Type") == "oneshot", service.name

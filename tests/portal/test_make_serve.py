"""Anh Khoa types `make serve` on a new server and forgets the secret key: it stops, and says why.

`make serve` and `make stack` are the production commands: DEBUG off unless the
environment says otherwise, and no start with the public development key or
without host names. They stop before installing or migrating anything, so
nothing is half set up.
"""

import os
import subprocess
import time

import pytest
from django.conf import settings


def make_serve(tmp_path, target="serve", **env):
    """`make serve` with nothing but PATH and the given variables, in a throw-away venv and DB."""
    started = time.monotonic()
    done = subprocess.run(
        ["make", "--no-print-directory", target, f"VENV={tmp_path / 'venv'}"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, time.monotonic() - started


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DJANGO_SECRET_KEY": "k7#Qm2!vX9pL4@wZ8sR1&nB6yT3^cF5hJ0*gD-eA_uI+oP=lK-prod-key"},
        {"DJANGO_ALLOWED_HOSTS": "canhbao.example.vn"},
        {"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "canhbao.example.vn"},
        {"DJANGO_DEBUG": "", "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "x"},
    ],
)
@pytest.mark.parametrize("target", ["serve", "stack"])
def test_without_a_secret_key_and_host_names_it_refuses_to_start(tmp_path, env, target):
    done, seconds = make_serve(tmp_path, target, STACK_DIR=str(tmp_path / "run"), **env)
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr and "DJANGO_ALLOWED_HOSTS" in done.stderr
    assert "Traceback" not in done.stderr  # a plain message, before Python is involved
    assert seconds < 10
    # Nothing installed, nothing migrated.
    assert not (tmp_path / "venv").exists()
    assert not (tmp_path / "db.sqlite3").exists()
    assert not (tmp_path / "run").exists()  # make stack started nothing either


def test_make_worker_refuses_the_same_way(tmp_path):
    """The job worker is a production process too: no start with the development key."""
    done = subprocess.run(
        ["make", "--no-print-directory", "worker", f"VENV={tmp_path / 'venv'}"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "venv").exists()

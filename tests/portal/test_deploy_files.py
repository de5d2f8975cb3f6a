"""Anh Khoa deploys on one Debian server by the book: what deploy/ holds is what make stack runs.

The nginx site (deploy/nginx/canhbao.conf) is checked by nginx itself, with
the server's paths moved into a temporary folder and a throw-away certificate;
it includes the very files make stack's configuration includes. The systemd
units start gunicorn and the worker with the commands make prepare and make
serve run, with one environment file, whose variables the README documents.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from advisories.letter_files import max_size as letter_max_size
from portal.stack import MIME_TYPES, body_cap
from reports.filing import max_body_size
from tests.servers import BASE_DIR, require_nginx

DEPLOY = BASE_DIR / "deploy"
SITE = DEPLOY / "nginx" / "canhbao.conf"
STACK = DEPLOY / "nginx" / "stack.conf"
COMMON = DEPLOY / "nginx" / "portal-common.conf"
UNITS = DEPLOY / "systemd"
README = (BASE_DIR / "README.md").read_text()


def unit(name):
    """A unit file's settings: name → list of values, in order."""
    values = {}
    for line in (UNITS / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def includes(text):
    return re.findall(r"^\s*include\s+(\S+);", text, re.MULTILINE)


def test_the_site_and_make_stack_include_the_same_portal_part():
    site = [Path(path).name for path in includes(SITE.read_text()) if "/deploy/" in path]
    stack = [Path(path).name for path in includes(STACK.read_text()) if "@DEPLOY_DIR@" in path]
    assert site == stack == ["portal-http.conf", "portal-common.conf"]
    for text in (SITE.read_text(), STACK.read_text()):
        assert "upstream canhbao_app {" in text
        assert re.search(r"^\s*root \S+;", text, re.MULTILINE)  # STATIC_ROOT
        assert "set $canhbao_maintenance " in text
    # Everything else about the portal is in the shared part, not in either file.
    for directive in ("client_max_body_size", "proxy_pass", "error_page", "proxy_set_header"):
        assert directive not in SITE.read_text() and directive not in STACK.read_text()
        assert directive in COMMON.read_text()


def test_nginx_passes_the_site_as_the_server_would_read_it(tmp_path):
    require_nginx()
    (tmp_path / "tls").mkdir()
    key, certificate = tmp_path / "tls" / "privkey.pem", tmp_path / "tls" / "fullchain.pem"
    made = subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=canhbao.example.vn", "-keyout", str(key), "-out", str(certificate)),
        ],
        capture_output=True,
    )
    assert made.returncode == 0, made.stderr
    moved = {
        "/srv/canhbao": str(BASE_DIR),
        "/etc/canhbao/tls": str(tmp_path / "tls"),
        "/var/log/nginx": str(tmp_path),
        "/var/lib/canhbao": str(tmp_path / "lib"),
        "/var/www/letsencrypt": str(tmp_path / "acme"),
        "/run/canhbao-gunicorn.sock": str(tmp_path / "gunicorn.sock"),
    }
    site = SITE.read_text()
    for server_path, here in moved.items():
        site = site.replace(server_path, here)
    (tmp_path / "canhbao.conf").write_text(site)
    mime = next(path for path in MIME_TYPES if Path(path).exists())
    (tmp_path / "nginx.conf").write_text(
        # Debian's /etc/nginx/nginx.conf, reduced to what the site relies on.
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\n  include {mime};\n  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n  include {tmp_path}/canhbao.conf;\n}}\n"
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    checked = subprocess.run(
        [nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
    assert "warn" not in checked.stderr


def test_the_site_talks_to_the_socket_systemd_holds_for_gunicorn():
    assert unit("canhbao-gunicorn.socket")["ListenStream"] == ["/run/canhbao-gunicorn.sock"]
    assert "server unix:/run/canhbao-gunicorn.sock;" in SITE.read_text()
    assert unit("canhbao-gunicorn.socket")["SocketUser"] == ["www-data"]  # nginx, nobody else
    assert unit("canhbao-gunicorn.socket")["SocketMode"] == ["0600"]
    assert unit("canhbao-gunicorn.service")["Requires"] == ["canhbao-gunicorn.socket"]


def server_command(line, venv):
    """A command as make prints it, with its venv path as the unit's."""
    return line.replace(f"{venv}/bin/", "/srv/canhbao/.venv/bin/")


def make_dry_run(target, venv):
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={venv}"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SECRET_KEY": "k", "DJANGO_ALLOWED_HOSTS": "h"},
    )
    assert done.returncode == 0, done.stderr
    return [server_command(line, venv) for line in done.stdout.splitlines()]


def test_gunicorns_unit_runs_what_make_prepare_and_make_serve_run(tmp_path):
    service = unit("canhbao-gunicorn.service")
    assert service["ExecStartPre"] == make_dry_run("prepare", tmp_path / "venv")
    serve = make_dry_run("serve", tmp_path / "venv")[-1]
    assert serve.endswith(service["ExecStart"][0])  # after make's PORT=… WORKERS=…
    assert service["Type"] == ["notify"]
    assert service["Restart"] == ["on-failure"]


def test_both_services_share_user_folder_and_environment():
    gunicorn, worker = unit("canhbao-gunicorn.service"), unit("canhbao-worker.service")
    for key in ("User", "Group", "WorkingDirectory", "EnvironmentFile", "StateDirectory"):
        assert gunicorn[key] == worker[key], key
    assert gunicorn["EnvironmentFile"] == ["/etc/canhbao/env"]
    assert gunicorn["WorkingDirectory"] == ["/srv/canhbao"]
    assert worker["ExecStart"] == ["/srv/canhbao/.venv/bin/python manage.py worker"]
    assert worker["KillSignal"] == ["SIGTERM"]
    assert int(worker["TimeoutStopSec"][0]) >= 300  # a job in progress finishes first
    assert worker["Restart"] == ["on-failure"]
    assert "canhbao-gunicorn.service" in worker["After"][0].split()  # after the migrations


def test_the_units_pass_systemd_analyze(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed: the units are read by the tests above")
    python = Path(shutil.which("python3") or "/usr/bin/python3")
    for path in UNITS.iterdir():
        text = path.read_text().replace("/srv/canhbao/.venv/bin/python", str(python))
        text = text.replace("/srv/canhbao/.venv/bin/gunicorn", str(python))
        (tmp_path / path.name).write_text(text.replace("/srv/canhbao", str(BASE_DIR)))
    checked = subprocess.run(
        [analyze, "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == "" and checked.stdout == ""


def test_every_variable_of_the_environment_file_is_in_the_readme():
    names = re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (DEPLOY / "env.example").read_text(), re.M)
    assert "DJANGO_SECRET_KEY" in names and "REPORT_TRUSTED_PROXIES" in names
    table = README[README.index("## Configuration (environment)") :]
    for name in names:
        assert f"| `{name}` |" in table, name


def test_the_readme_walks_through_every_file_in_deploy():
    section = README[README.index("## Deploying on one Debian server") :]
    for path in sorted(DEPLOY.rglob("*")):
        if path.is_file() and path.name not in ("stack.conf", "portal-http.conf"):
            assert str(path.relative_to(BASE_DIR)) in section, path


def test_the_body_cap_lets_through_every_upload_the_portal_accepts():
    cap = body_cap(COMMON.read_text())
    assert cap >= max_body_size()  # three evidence files at their limit, and the form
    assert cap >= letter_max_size() + 1024 * 1024  # a publisher's letter file and the form

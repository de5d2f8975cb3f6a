# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 3
SEEDS := advisories/seeds/*.txt

.PHONY: run test serve stack prepare worker install install-prod load lint format messages css bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstalled only when pyproject.toml changes.
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

$(VENV)/.installed-prod: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

install: $(VENV)/.installed-dev
install-prod: $(VENV)/.installed-prod

# Migrations, then reference data (idempotent: twice changes nothing).
load:
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data

# A developer's machine: debug on (settings default to production, as make serve runs).
run messages: export DJANGO_DEBUG := $(or $(DJANGO_DEBUG),1)
# The job worker runs beside the development server (exports, letters read by
# OCR) and stops with it.
run: install
	$(MAKE) --no-print-directory load
	$(BIN)/python manage.py create_demo_accounts
	$(BIN)/python manage.py worker --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# What every production start does first (make serve, make stack, and the
# systemd unit in deploy/ runs the same commands): migrations and reference data,
# static files, and the pages nginx shows when it answers itself (413, 502, …).
prepare: load
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py error_pages -v0

# Production by default: DJANGO_DEBUG=0 unless the environment says otherwise,
# and without a secret key and host names it stops before installing or
# migrating anything.
define refuse_without_production_settings
	@case "$$(printf %s "$$DJANGO_DEBUG" | tr A-Z a-z)" in 1|true|yes|on) ;; *) \
	  if [ -z "$$DJANGO_SECRET_KEY" ] || [ -z "$$DJANGO_ALLOWED_HOSTS" ]; then \
	    echo "make $@ is a production command (DJANGO_DEBUG=0): set DJANGO_SECRET_KEY" \
	      "and DJANGO_ALLOWED_HOSTS (e.g. canhbao.example.vn) first; see README.md." \
	      "On a developer's machine: make run." >&2; \
	    exit 1; \
	  fi;; \
	esac
endef

# The application server alone, meant to sit behind a proxy (make stack, or
# nginx as deploy/ sets it up): gunicorn with threaded workers, static files
# by whitenoise. Bind (127.0.0.1:$PORT unless BIND says otherwise), workers,
# threads, timeouts and the redacting logger: portal/gunicorn_conf.py.
serve: export DJANGO_DEBUG := $(or $(DJANGO_DEBUG),0)
serve:
	$(refuse_without_production_settings)
	$(MAKE) --no-print-directory install-prod
	$(MAKE) --no-print-directory prepare
	PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/gunicorn -c portal/gunicorn_conf.py portal.wsgi

# The whole production stack on this machine, in the foreground: nginx on
# 127.0.0.1:$PORT (deploy/nginx/stack.conf, sharing deploy/nginx/portal-*.conf
# with the server's site) in front of gunicorn on a unix socket and the job
# worker; Ctrl-C or SIGTERM stops all three (portal/stack.py). Its run directory
# is .stack/ unless STACK_DIR says otherwise. Same environment as make serve;
# nginx here speaks plain HTTP, so unless told otherwise the portal does not
# redirect to HTTPS nor mark its cookies secure (a browser would never send
# them back), and trusts nginx's X-Forwarded-For and X-Forwarded-Proto.
stack: export DJANGO_DEBUG := $(or $(DJANGO_DEBUG),0)
stack: export DJANGO_SECURE_SSL_REDIRECT := $(or $(DJANGO_SECURE_SSL_REDIRECT),0)
stack: export DJANGO_SECURE_COOKIES := $(or $(DJANGO_SECURE_COOKIES),0)
stack: export DJANGO_SECURE_PROXY_SSL_HEADER := $(or $(DJANGO_SECURE_PROXY_SSL_HEADER),1)
stack: export REPORT_TRUSTED_PROXIES := $(or $(REPORT_TRUSTED_PROXIES),1)
stack:
	$(refuse_without_production_settings)
	$(MAKE) --no-print-directory install-prod
	$(MAKE) --no-print-directory prepare
	PORT=$(PORT) WORKERS=$(WORKERS) exec $(BIN)/python manage.py stack

# One job worker (portal/management/commands/worker.py) with the environment's
# settings, as make serve reads them; run as many as there are CPUs to spare,
# on any machine that reaches the database. Ctrl-C or SIGTERM lets the running
# job finish first.
worker: export DJANGO_DEBUG := $(or $(DJANGO_DEBUG),0)
worker:
	$(refuse_without_production_settings)
	$(MAKE) --no-print-directory install-prod
	$(BIN)/python manage.py worker

# By hand, never in CI: gunicorn under load on throw-away SQLite and PostgreSQL
# databases (bench/README.md), e.g. make bench BENCH_ARGS="--db sqlite --duration 15".
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The part of Bootstrap the public pages use (static/css/bootstrap-portal.min.css,
# committed): a first visit on 3G stays under 30 KB. Rerun after using a Bootstrap
# class no template used before; tests/portal/test_bootstrap_subset.py says when.
# Needs Node.js and npm (PurgeCSS, pinned; run by a developer, never at run time).
PURGECSS := purgecss@8.0.0
css: install
	@site=$$($(BIN)/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"); \
	tmp=$$(mktemp -d); \
	npx -y $(PURGECSS) --css "$$site/bootstrap/static/bootstrap/css/bootstrap.min.css" \
	  --content 'templates/**/*.html' 'advisories/**/*.html' 'reports/**/*.html' \
	    'portal/**/*.html' 'static/js/*.js' 'advisories/**/*.py' 'reports/**/*.py' \
	    'portal/**/*.py' "$$site/crispy_bootstrap5/templates/**/*.html" \
	    "$$site/django/forms/templates/**/*.html" \
	  --safelist '/^alert-/' --output "$$tmp/" && \
	mv "$$tmp/bootstrap.min.css" static/css/bootstrap-portal.min.css && rmdir "$$tmp"

# Needs GNU gettext (apt-get install gettext). The compiled .mo is committed.
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --add-location file
	$(BIN)/python manage.py compilemessages -l en

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .stack

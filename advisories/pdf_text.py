"""A PDF's text layer, read by pdfminer.six in a child process with a time and a memory budget.

pdfminer has no time budget of its own, and its layout analysis (which keeps
the two columns of a letter's header apart) grows faster than the text on a
page: here one A4 page of 100,000 characters in four columns took 58 s, and
a 30-page letter of 87,000 characters in one column 1.2 s and 47 MB. A
deadline checked between pages cannot stop a page that runs for minutes, and
Python cannot interrupt pdfminer inside one; a child process can be killed.
So `text_layer` runs this file as a script, with the PDF on its standard
input, and kills it when LETTER_PDF_SECONDS (default 8) run out. The child
also caps its own memory, and its CPU time in case the worker waiting for it
is killed first. Starting it costs about 0.2 s, once per PDF imported.

As a script it imports nothing of the portal (no Django, no settings): it is
run with `python -I`, so no environment variable changes what it imports.
"""

import io
import logging
import math
import resource
import subprocess
import sys

# pdfminer's peak on a dense 30-page letter is about 50 MB: ten times that.
MEMORY_BYTES = 512 * 1024 * 1024
# How the child says pdfminer could not read the file, or ran out of memory on it.
# Any other failure (pdfminer not installed, Python not starting) is the server's:
# it is logged, for the file would then quietly be taken for a scan.
UNREADABLE, OUT_OF_MEMORY = 3, 4

logger = logging.getLogger("advisories.pdf_text")


class TooSlow(Exception):
    """The text layer was not read within the budget."""


class Unreadable(Exception):
    """pdfminer failed on the file (or ran out of memory)."""


def text_layer(data, *, seconds, max_pages):
    """The text of the first `max_pages` pages. Raises TooSlow or Unreadable."""
    command = [sys.executable, "-I", __file__, str(max_pages), str(seconds)]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise TooSlow from None  # subprocess.run has killed the child
    if done.returncode in (UNREADABLE, OUT_OF_MEMORY):
        raise Unreadable
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:]
        logger.error("Reading a PDF's text layer failed (exit %s): %s", done.returncode, error)
        raise Unreadable
    return done.stdout.decode("utf-8", errors="replace")


def _main():
    max_pages, seconds = int(sys.argv[1]), float(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    cpu = math.ceil(seconds) + 1  # the parent's timeout comes first; this if the parent died
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    from pdfminer.high_level import extract_text

    try:
        text = extract_text(io.BytesIO(sys.stdin.buffer.read()), maxpages=max_pages)
    except MemoryError:
        sys.exit(OUT_OF_MEMORY)
    except Exception:  # whatever a broken file makes pdfminer raise
        sys.exit(UNREADABLE)
    sys.stdout.buffer.write(text.encode("utf-8"))


if __name__ == "__main__":
    _main()

"""Time resume rendering: each template and format, a one-page and a two-page resume, the
first call (templates and fonts loaded; the very first also imports typst and pypdf) and
warm calls (median, each with a changed name as after an edit), next to a trivial operation
(SHA-256 of 1 MB) measured in the same run, so figures from different machines compare.

    .venv/bin/python scripts/bench_resume.py [--repeat N]

The web view renders a one-page PDF synchronously when it is well under ~300 ms warm.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coffeechat.resumes.render import FORMATS, TEMPLATES, render_resume
from coffeechat.resumes.tests.render_fixtures import load, long_resume

EDITS = itertools.count()


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat
    data = b"x" * 1_000_000
    yardstick = statistics.median(
        timed(lambda: hashlib.sha256(data).digest())[0] for _ in range(repeat)
    )
    print(f"trivial operation (SHA-256 of 1 MB): {yardstick:.2f} ms\n")
    print(
        f"{'resume':<9} {'template':<8} {'format':<6} {'pages':>5} {'first ms':>9} "
        f"{'warm ms':>8} {'x trivial':>9}"
    )
    for label, document in (("one-page", load("typical")), ("two-page", long_resume(7))):
        for template in TEMPLATES:
            for fmt in FORMATS:

                def render(t=template, f=fmt, doc=document):
                    # A new name each call, as after an edit: typst memoizes identical inputs.
                    doc["basics"]["name"] = f"Priya Okonkwo-Laurent {next(EDITS)}"
                    return render_resume(doc, format=f, template=t, max_pages=2)

                first, rendered = timed(render)
                warm = statistics.median(timed(render)[0] for _ in range(repeat))
                pages = rendered.pages if rendered.pages is not None else "-"
                print(
                    f"{label:<9} {template:<8} {fmt:<6} {pages:>5} {first:>9.1f} "
                    f"{warm:>8.1f} {warm / yardstick:>9.1f}"
                )


if __name__ == "__main__":
    main()

"""Time `import_onet` on a made-up release as large as the real one, and its peak memory.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_onet.py [--zip]
Writes a release in the official layout with the real release's row counts (1,016 occupations,
~56,500 alternate titles, ~18,800 tasks, ~62,600 skill and ~59,000 knowledge rows, ~8,300
interest rows, ~18,500 related links; all rows made up) to a temporary folder, imports it twice
(the second replaces the first) and prints the time and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

OCCUPATIONS = 1_016
RATING_HEADER = (
    "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\t"
    "Standard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\t"
    "Not Relevant\tDate\tDomain Source"
)


def write_release(folder: Path) -> None:
    codes = [f"{10 + n // 1000:02d}-{n % 1000:04d}.00" for n in range(OCCUPATIONS)]

    def write(name: str, header: str, rows) -> None:
        with open(folder / name, "w", encoding="utf-8") as out:
            out.write(header + "\n")
            for row in rows:
                out.write("\t".join(map(str, row)) + "\n")

    write(
        "Occupation Data.txt",
        "O*NET-SOC Code\tTitle\tDescription",
        (
            (c, f"Made-up Occupation {i}", "Plan, direct or coordinate made-up work. " * 6)
            for i, c in enumerate(codes)
        ),
    )
    write(
        "Alternate Titles.txt",
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)",
        (
            (c, f"Alternate Title {i} {j}", "n/a", "10")
            for i, c in enumerate(codes)
            for j in range(56)
        ),
    )
    write(
        "Task Statements.txt",
        "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source",
        (
            (
                c,
                i * 20 + j,
                f"Do made-up task number {j} with care and attention to detail.",
                "Core" if j < 8 else "Supplemental",
                20,
                "08/2025",
                "Incumbent",
            )
            for i, c in enumerate(codes)
            for j in range(18)
        ),
    )
    for name, count in (("Skills.txt", 35), ("Knowledge.txt", 33)):
        write(
            name,
            RATING_HEADER,
            (
                (
                    c,
                    f"2.A.{e}",
                    f"Element {e}",
                    scale,
                    "3.25",
                    8,
                    "0.1",
                    "3.0",
                    "3.5",
                    "N",
                    "n/a" if scale == "IM" else "N",
                    "08/2025",
                    "Analyst",
                )
                for c in codes
                for e in range(count)
                for scale in ("IM", "LV")
            ),
        )
    write(
        "Job Zones.txt",
        "O*NET-SOC Code\tJob Zone\tDate\tDomain Source",
        ((c, 1 + i % 5, "08/2025", "Analyst") for i, c in enumerate(codes)),
    )
    names = ["Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"]
    write(
        "Interests.txt",
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source",
        (
            (c, "1.B.1", n, "OI", "4.00", "11/2023", "Machine Learning")
            for c in codes
            for n in names
        ),
    )
    write(
        "Related Occupations.txt",
        "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex",
        (
            (c, codes[(i + k) % OCCUPATIONS], "Primary-Short", k)
            for i, c in enumerate(codes)
            for k in range(1, 19)
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--zip", action="store_true", help="import it zipped, as published")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from coffeechat.occupations import services

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "db_30_1_text"
        folder.mkdir()
        write_release(folder)
        source = folder
        if args.zip:
            source = Path(scratch) / "db_30_1_text.zip"
            with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in folder.iterdir():
                    archive.write(file, f"db_30_1_text/{file.name}")
        size = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
        for attempt in ("first import", "re-import"):
            start = time.perf_counter()
            _, lines = services.import_release(path=source)
            print(f"{attempt}: {time.perf_counter() - start:.1f} s for {size:.0f} MB of text")
        print("\n".join(lines))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()

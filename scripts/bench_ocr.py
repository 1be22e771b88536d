"""Time business-card OCR on the generated test cards (rapidocr, bundled models).

Usage: .venv/bin/python scripts/bench_ocr.py [ROUNDS]

Prints the engine's start-up time once, then per card the best and median CPU seconds to read
it (OCR plus field parsing, `time.process_time`: all threads of this process, so the figure
holds on a machine other programs are loading) over ROUNDS rounds (default 3), and how many
fields came out right. The tests check accuracy; this script reports the cost per card.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(rounds: int = 3) -> None:
    from coffeechat.cards import ocr, parsing
    from coffeechat.cards.tests.test_accuracy import comparable
    from coffeechat.lib.testing.cardgen import CARDS, card_bytes

    started = time.perf_counter()
    ocr.engine()
    print(f"engine start-up: {time.perf_counter() - started:.2f} s")
    ocr.read_lines(card_bytes(CARDS[0]))  # the first run allocates onnxruntime's buffers
    right = total = 0
    all_times = []
    for spec in CARDS:
        image = card_bytes(spec)
        times = []
        for _ in range(rounds):
            started = time.process_time()
            lines, _seconds = ocr.read_lines(image)
            fields = parsing.parse_card(lines, region="US")
            times.append(time.process_time() - started)
        correct = sum(
            comparable(k, getattr(fields, k)) == comparable(k, v)
            for k, v in spec.expected().items()
        )
        right, total = right + correct, total + len(spec.expected())
        all_times += times
        print(
            f"{spec.full_name:<16} {spec.layout:<8} best {min(times):.2f} CPU s  "
            f"median {statistics.median(times):.2f} CPU s  fields {correct}/7"
        )
    print(
        f"all cards: median {statistics.median(all_times):.2f} CPU s, "
        f"max {max(all_times):.2f} CPU s; fields right {right}/{total} ({right / total:.0%})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

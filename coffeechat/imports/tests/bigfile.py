"""A large synthetic LinkedIn Connections.csv (tests and scripts/bench_import.py)."""

from __future__ import annotations

FIRST = ["Dana", "Marisol", "Zoë", "Tomás", "Priya", "Renée", "Jörg", "Ana", "Kwame", "Mei"]
LAST = [
    "Whitfield",
    "Ibarra",
    "Ångström",
    "Reyes",
    "Okonkwo",
    "O'Brien",
    "Müller",
    "Lima",
    "Mensah",
    "Chen",
]


def linkedin_csv(rows: int, organizations: int = 2_000) -> bytes:
    """`rows` connections (every 50th a hidden profile) at `organizations` organizations."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(rows):
        if i % 50 == 49:
            lines.append(",,,,,,07 Jun 2026")
            continue
        first, last = FIRST[i % 10], LAST[(i // 10) % 10]
        lines.append(
            f"{first},{last} {i},https://www.linkedin.com/in/person-{i},,"
            f'"Org {i % organizations}, Inc.",Engineer {i % 7},0{1 + i % 9} Feb 2022'
        )
    return "\n".join(lines).encode()

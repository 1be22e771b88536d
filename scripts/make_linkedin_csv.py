"""Write a synthetic LinkedIn Connections.csv shaped like a real 2024 export (not committed data).

    .venv/bin/python scripts/make_linkedin_csv.py ROWS OUT.csv [--no-preamble] [--no-email]

The 2024 layout: LinkedIn's "Notes:" preamble, then First Name, Last Name, URL, Email Address,
Company, Position, Connected On. About 40% of the rows are at an organization shared with
others (about 0.4 organizations per person, as in real networks), 1 in 8 has an email, 1 in 50
is a hidden profile (only the date), names carry accents and apostrophes. Deterministic.
Used to time `manage.py import_contacts` (docs/architecture.md, "Imports").
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the '
    "email addresses are missing. You will only see email addresses for connections "
    "who have allowed their connections to see or download their email address using "
    "this setting https://www.linkedin.com/psettings/privacy/email. You can learn more "
    'here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
FIRST = [
    "Dana",
    "Marisol",
    "Zoë",
    "Tomás",
    "Priya",
    "Renée",
    "Jörg",
    "Ana",
    "Kwame",
    "Mei",
    "Oluwaseun",
    "Siobhán",
    "François",
    "Hiroshi",
    "Ngozi",
    "Łukasz",
    "Ines",
    "Chen",
]
LAST = [
    "Whitfield",
    "Ibarra-Chen",
    "Ångström",
    "Reyes",
    "Okonkwo",
    "O'Brien",
    "Müller",
    "Lima",
    "Mensah",
    "Nakamura",
    "Kowalski",
    "Dubois",
    "García",
    "Nguyen",
    "Smith",
    "Patel",
]
WORDS = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adventure",
    "Wingtip",
    "Proseware",
    "Lucerne",
    "Margie",
    "Alpine",
    "Coho",
    "Woodgrove",
    "Humongous",
]
KINDS = ["Analytics", "Health", "Labs", "Systems", "Partners", "Bank", "University", "Group"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def quoted(value: str) -> str:
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in ',"\n') else value


def rows(count: int, *, email: bool, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    organizations = max(1, int(count * 0.41))
    lines = []
    for i in range(count):
        connected = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
        if i % 50 == 49:
            lines.append(",,,,,," + connected if email else ",,,,," + connected)
            continue
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}"
        org_no = rng.randrange(organizations)
        company = (
            f"{WORDS[org_no % len(WORDS)]} {KINDS[org_no // len(WORDS) % len(KINDS)]}"
            f" {org_no}, Inc."
            if i % 23
            else ""
        )
        cells = [first, last, f"https://www.linkedin.com/in/{first.lower()[:3]}-{i}-{seed}"]
        if email:
            cells.append(f"p{i}@example.org" if i % 8 == 0 else "")
        cells += [company, f"Senior Engineer {i % 11}", connected]
        lines.append(",".join(quoted(c) for c in cells))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-preamble", action="store_true")
    parser.add_argument("--no-email", action="store_true")
    args = parser.parse_args()
    header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    if args.no_email:
        header.remove("Email Address")
    text = ("" if args.no_preamble else PREAMBLE) + ",".join(header) + "\n"
    text += "\n".join(rows(args.rows, email=not args.no_email)) + "\n"
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

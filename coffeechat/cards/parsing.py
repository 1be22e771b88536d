"""Turn the lines OCR read on a business card into contact fields.

Pure functions, no database: the rules are easy to test on their own and the OCR engine is
not needed to test them. Contact details (email, phone, website, address) are recognised by
their shape; name, title and organization are told apart by keywords, by the domain of the
email or website, and by size (the name is usually the largest text on a card).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import phonenumbers


def _set_of(words: str) -> frozenset[str]:
    return frozenset(words.split())


FIELD_NAMES = ("full_name", "title", "organization", "email", "phone", "website", "address")


@dataclass(frozen=True)
class OcrLine:
    """One line of text as OCR read it, with its box (top-left and bottom-right corners)."""

    text: str
    score: float = 1.0
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def top(self) -> float:
        return self.box[1]


@dataclass
class CardFields:
    full_name: str = ""
    title: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    address: str = ""
    other: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["other"] = "\n".join(self.other)
        return data

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in FIELD_NAMES)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
URL = re.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.([a-z]{2,})(?:/[^\s]*)?",
    re.IGNORECASE,
)
KNOWN_TLDS = _set_of(
    "com org net io co dev ai app edu gov info biz me tech design studio jobs "
    "careers vc tv xyz uk de fr ca au nl eu us es it ch se no dk fi ie be at "
    "in jp nz sg"
)
STREET = re.compile(
    r"\b\d{1,6}[a-z]?\s+.*\b(st|street|ave|avenue|rd|road|blvd|boulevard|lane|ln|way|drive|"
    r"dr|court|ct|place|pl|square|sq|parkway|pkwy|highway|hwy|plaza|straße|strasse|str|"
    r"terrace|row|crescent|quay|wharf|building|tower|center|centre)\b\.?"
    r"|\b\w+(straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|laan|gracht)\s+\d+",
    re.IGNORECASE,
)
ADDRESS_WORDS = re.compile(
    r"\b(suite|ste|floor|fl|unit|building|bldg|p\.?o\.? box)\b\.?\s*\d", re.IGNORECASE
)
POSTCODE = re.compile(
    r",\s*[A-Z][A-Za-z]\s+\d{5}(?:-\d{4})?\b"  # US: "San Francisco, CA 94105" (OCR: "Co")
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # UK: "London EC2A 4NE"
    r"|\b\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]+"  # much of Europe: "10115 Berlin"
    r"|\b[A-Z][a-z]+,?\s+[A-Z]{2}\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b",  # Canada
)
PHONE_LABEL = re.compile(
    r"^\s*(tel|phone|mobile|mob|cell|office|direct|[tmpo])\b\.?:?\s*", re.IGNORECASE
)
FAX_LABEL = re.compile(r"^\s*(fax|f)\b\.?:?", re.IGNORECASE)
FIELD_LABEL = re.compile(
    r"^\s*(e-?mail|email|e|web|website|w|url|address|addr|a)\s*[:.]\s*", re.IGNORECASE
)
# A website's label, whether OCR kept its colon or not ("W www.x.com", "Web x.com", "www x.com")
# or glued it on ("Wwww.x.com"); only taken off when what follows is a website.
WEBSITE_LABEL = re.compile(
    r"^\s*(?:w|web|website|www|url|i|internet|site|homepage|home\s?page)\s*[:.]?\s+"
    r"|^\s*[a-z]{1,8}\s*[:.]?(?=www\.)",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r"\s+[|•·]\s+|\s{3,}")

TITLE_WORDS = _set_of("""
engineer engineering manager director designer developer analyst recruiter lead head vp
president officer consultant specialist coordinator scientist architect founder co-founder
cofounder ceo cto cfo coo cmo cio partner associate intern professor advisor adviser
administrator representative executive strategist researcher editor writer producer owner
principal chief senior junior staff counsel attorney lawyer nurse physician teacher librarian
accountant technician assistant fellow student programmer evangelist advocate planner buyer
agent broker supervisor dean lecturer curator recruiting manager mgr sr jr
""")
# Words that make a line an organization's name (legal forms and kinds of institution) and
# words that only suggest one: "Software Developer" is a title, "Solutions Architect" too.
ORGANIZATION_WORDS = _set_of("""
inc llc llp ltd limited gmbh ag sa plc bv pty corp corporation company co group labs lab
university college institute bank partners foundation agency associates hospital ventures
industries holdings trust council ministry society cooperative enterprises school
""")
ORGANIZATION_HINTS = _set_of("""
solutions technologies technology systems studio studios consulting health capital
international global software analytics media press networks department services works
digital energy pharma robotics bio motors airlines logistics traders trading collective
""")
FREE_MAIL = _set_of(
    "gmail googlemail outlook hotmail live yahoo icloud me proton protonmail "
    "aol gmx mail web posteo fastmail"
)
NAME_PARTICLES = _set_of("van von de der den da del di la le du bin al dos das y")


def parse_card(lines: list[OcrLine], *, region: str | None) -> CardFields:
    """The fields found in the OCR lines; fields not found are left blank."""
    fields = CardFields()
    rest: list[OcrLine] = []
    address: list[str] = []
    for line in _split(lines):
        kind, value = _contact_detail(line.text, region)
        if kind == "address":
            address.append(value)
        elif kind == "fax":
            continue  # recognised, so it is not taken for a name; not kept
        elif kind and not getattr(fields, kind):
            setattr(fields, kind, value)
        elif not kind and _has_letters(line.text):
            rest.append(line)
    fields.address = ", ".join(address)
    _assign_name_title_organization(fields, rest)
    return fields


def _split(lines: list[OcrLine]) -> list[OcrLine]:
    # One printed line often holds two details: "T 415 555 0142 | www.example.com", or an
    # email and a phone with only a space between them as OCR reads them.
    parts = []
    for line in sorted(lines, key=lambda line: line.top):
        text = " ".join(line.text.split())
        for piece in SEPARATORS.split(text):
            for part in _around_email(piece):
                if part.strip():
                    parts.append(OcrLine(part.strip(), line.score, line.box))
    return parts


def _around_email(text: str) -> list[str]:
    """The text before an email, the email, and the text after it, as separate pieces."""
    compact = re.sub(r"\s*@\s*", "@", text)
    match = EMAIL.search(compact)
    if not match:
        return [text]
    before, email, after = compact[: match.start()], match.group(0), compact[match.end() :]
    # "415 555 0142maria@x.io": OCR lost the space; a phone's digits never start the email.
    glued = re.match(r"\d+", email)
    if glued and sum(c.isdigit() for c in before) >= 3 and re.search(r"\d\s*$", before):
        before, email = before + glued.group(0), email[glued.end() :]
    return [before, email, after]


def _has_letters(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 2


def _contact_detail(text: str, region: str | None) -> tuple[str, str]:
    """("email" | "website" | "phone" | "address", value) for a contact line, else ("", "")."""
    compact = re.sub(r"\s*@\s*", "@", text)
    if match := EMAIL.search(compact):
        return "email", match.group(0).lower()
    without_label = WEBSITE_LABEL.sub("", text, count=1)
    if without_label != text and (website := _website(without_label, labelled=True)):
        return "website", website
    unlabelled = FIELD_LABEL.sub("", text)
    if (website := _website(unlabelled)) is not None:
        return "website", website
    if FAX_LABEL.match(text):
        return "fax", ""
    if STREET.search(unlabelled) or ADDRESS_WORDS.search(unlabelled) or POSTCODE.search(unlabelled):
        return "address", unlabelled.strip(" ,")
    if phone := phone_in(text, region):
        return "phone", phone
    return "", ""


def _website(text: str, *, labelled: bool = False) -> str | None:
    if " " in text.strip():
        return None
    match = URL.fullmatch(text.strip().rstrip("/"))
    if not match:
        return None
    url = match.group(0)
    explicit = labelled or url.lower().startswith(("http", "www.")) or "/" in url
    if not explicit and match.group(1).lower() not in KNOWN_TLDS:
        return None
    return url if url.lower().startswith("http") else f"https://{url}"


def phone_in(text: str, region: str | None) -> str:
    """The first phone number in `text`, formatted internationally; "" when there is none."""
    text = PHONE_LABEL.sub("", text)
    digits = sum(c.isdigit() for c in text)
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.POSSIBLE
    ):
        found = sum(c.isdigit() for c in match.raw_string)
        # Most of the line's digits must be the number, so "Suite 1200" never becomes one.
        if found >= 7 and found >= digits * 0.6:
            return phonenumbers.format_number(
                match.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
    return ""


def normalize_phone(text: str, region: str | None) -> tuple[str, bool]:
    """(`text` formatted internationally, True) when phonenumbers accepts it, else (text, False)."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text, False
    if not phonenumbers.is_valid_number(number):
        return text, False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), True


# Name, title, organization -------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.strip(",.;:()&").lower() for w in text.split()]


def _title_score(text: str) -> int:
    return sum(w in TITLE_WORDS for w in _words(text))


def _organization_score(text: str, stems: list[str]) -> int:
    words = _words(text)
    letters = re.sub(r"[^a-z0-9]", "", text.lower())
    return (
        2 * sum(w in ORGANIZATION_WORDS for w in words)
        + sum(w in ORGANIZATION_HINTS for w in words)
        + 3 * any(stem in letters for stem in stems)
    )


def _is_title(text: str, stems: list[str]) -> bool:
    score = _title_score(text)
    return score > 0 and score >= _organization_score(text, stems)


def _is_organization(text: str, stems: list[str]) -> bool:
    score = _organization_score(text, stems)
    return score > 0 and score > _title_score(text)


def _looks_like_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 4 or any(c.isdigit() for c in text):
        return False
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        if not (word[0].isupper() and re.fullmatch(r"[^\W\d_][\w'’.-]*", word)):
            return False
    return True


def _domain_stems(fields: CardFields) -> list[str]:
    """Distinctive parts of the email and website domains: "northwind" for northwind.io."""
    domains = []
    if fields.email:
        domains.append(fields.email.rpartition("@")[2])
    if fields.website:
        domains.append(re.sub(r"^https?://(www\.)?", "", fields.website).split("/")[0])
    stems = []
    for domain in domains:
        for part in domain.lower().split(".")[:-1]:
            for piece in part.split("-"):
                if len(piece) >= 3 and piece not in FREE_MAIL and piece != "www":
                    stems.append(piece)
    return stems


def _is_logo(line: OcrLine, lines: list[OcrLine]) -> bool:
    """A one-word line that only repeats another line in short: "HELIX" over "Helix Bio Inc.",
    "BP" over "Bluepeak Ventures". Logos are printed big, so they must not become the name,
    the organization or a note."""
    word = line.text.strip(" .,:;-")
    letters = re.sub(r"[^a-z0-9]", "", word.lower())
    if " " in word or len(letters) < 2 or _title_score(word):
        return False
    for other in lines:
        longer = re.sub(r"[^a-z0-9]", "", other.text.lower())
        if other is line or len(longer) <= len(letters) or longer[0] != letters[0]:
            continue
        if letters in longer or (len(letters) <= 4 and _is_subsequence(letters, longer)):
            return True
    return False


def _is_subsequence(short: str, long: str) -> bool:
    remaining = iter(long)
    return all(c in remaining for c in short)


def _assign_name_title_organization(fields: CardFields, lines: list[OcrLine]) -> None:
    stems = _domain_stems(fields)
    lines = [line for line in lines if not _is_logo(line, lines)]
    plain = [
        line
        for line in lines
        if not _title_score(line.text) and not _organization_score(line.text, stems)
    ]
    # No line shaped like a name: the largest line without a tell-tale word is the best bet.
    candidates = [line for line in plain if _looks_like_name(line.text)] or plain
    if candidates:
        name = max(candidates, key=lambda line: line.height)
        fields.full_name = _tidy_name(name.text)
        lines = [line for line in lines if line is not name]
    for line in lines:
        if not fields.title and _is_title(line.text, stems):
            fields.title = line.text
        elif not fields.organization and _is_organization(line.text, stems):
            fields.organization = line.text
        else:
            fields.other.append(line.text)
    # A leftover line is most likely the organization (titles have tell-tale words).
    if not fields.organization and fields.other:
        fields.organization = fields.other.pop(0)


def _tidy_name(text: str) -> str:
    text = " ".join(text.split()).strip(" ,")
    return text.title() if text.isupper() else text

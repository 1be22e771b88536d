"""Lint for resume bullets (`highlights`), in the spirit of the outreach lint.

Pure: no database, no Django. `lint_bullet(text, current=..., earlier=...)` returns `Finding`s
with positions into the bullet, a rule id, a severity and the reason (`why`).

The rules (ours; recruiters and career centres agree on them):

- RB1 (warning) starts with a strong verb: what you did, in one word. A weak opener ("Responsible
  for", "Helped", "Worked on") or a first word that isn't a verb gets a warning. Verbs come from
  the list below (base forms; past tense and -s forms are derived), plus any word ending in
  "-ed" that isn't a weak one ("Dockerized", "Onboarded"), so an unusual verb isn't flagged.
  "Co-founded" and "Re-designed" are read without their prefix.
- RB2 (warning) carries a result or a number: a digit, a number word, a percentage, money, or a
  word of change ("doubled", "reduced", "faster"). Not every bullet can, hence a warning.
- RB3 (warning) not too long: more than 30 words is more than two printed lines. A recruiter
  skims; one idea per bullet.
- RB4 (error) no first person: "I", "me", "my", "we", "our"... Resumes are written without a
  subject ("Led", not "I led"). "US" in capitals (the country) and "I/O" are not pronouns.
- RB5 (warning) no leading verb twice within one entry: three bullets that all start "Managed"
  read as one. Counted on the verb's root, so "Led" and "Leads" are the same.
- RB6 (warning) tense: a past position reads in the past tense ("Led"); a current one may use
  the present ("Lead"). Verbs the same in both ("Cut", "Set") never trigger it.

Errors are only raised where a good bullet can't trip them: the corpus in
`tests/test_lint.py` holds real-looking good bullets that must give no error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffeechat.lib import findings
from coffeechat.lib.findings import ERROR, WARNING

MAX_WORDS = 30

WHY = {
    "RB1": "A recruiter reads the first word of each bullet: a strong verb says what you did; "
    '"Responsible for" says only what you were supposed to do.',
    "RB2": "A number or a result (how much, how many, how fast, what changed) is what makes a "
    "bullet believable and memorable.",
    "RB3": "Over 30 words runs past two printed lines; skimmed resumes lose the end of long "
    "bullets. Keep one idea per bullet.",
    "RB4": 'Resumes leave out the subject ("Led the team", not "I led the team"); first '
    "person reads as a letter, not a resume.",
    "RB5": "Bullets in one entry that start with the same verb blur together; a different verb "
    "for each shows range.",
    "RB6": "Past positions read in the past tense; the present tense is for the job you hold now.",
}


@dataclass(frozen=True)
class Finding(findings.Finding):
    WHY = WHY

    start: int
    end: int
    message: str


# Verbs (base form). Our own list of what people do at work, grouped loosely by kind.
_VERBS = """
accelerate accomplish achieve acquire act adapt add address adjust administer advance advise
advocate align allocate analyse analyze anchor answer anticipate apply appoint appraise approve
arbitrate architect arrange articulate assemble assess assign attain audit author authorize
automate award balance benchmark boost brand bridge brief broker budget build calculate
campaign capture catalog catalogue centralize centralise certify chair champion chart clarify
classify close coach code codify collaborate collect combine command commercialize
commission communicate compile complete compose compute conceive conceptualize conduct
configure consolidate construct consult contract contribute control convert convince coordinate
correct counsel craft create critique cultivate curate customize cut debug decrease define
delegate deliver demonstrate deploy derive design detect determine develop devise diagnose
digitize direct discover dispatch distribute diversify document double draft drive earn edit
educate elevate eliminate embed empower enable encourage engage engineer enhance enlarge enlist
ensure establish estimate evaluate examine exceed execute expand expedite experiment explain
explore extend extract fabricate facilitate finalize finance fix forecast forge form formalize
formulate foster found fundraise gain galvanize gather generate govern grade grow guide halve
hire host identify illustrate implement improve improvise increase influence inform initiate
innovate inspect inspire install institute instruct integrate interpret interview introduce
invent inventory investigate launch lead lecture leverage license lift liaise lobby localize
locate lower maintain manage map market master maximize measure mediate mentor merge migrate
minimize mobilize model moderate modernize monitor motivate navigate negotiate normalize
observe obtain onboard open operate optimize orchestrate order organize originate outline
outperform overhaul oversee own partner perform persuade pilot pioneer pitch plan predict
prepare present preserve prevent prioritize process procure produce program programme project
promote propose prospect prototype prove provide publicize publish purchase quadruple qualify
quantify raise rank rebuild recommend reconcile record recruit redesign reduce refactor refine
reform regulate rehabilitate reinforce rejuvenate relaunch remodel render renegotiate
reorganize repair replace report represent research resolve respond restore restructure retain
retool revamp review revise revitalize rewrite run save scale schedule score screen script
secure select sell serve set settle shape ship simplify slash solve source spearhead specify
speak sponsor stabilize staff standardize start steer stimulate strategize streamline
strengthen structure study succeed summarize supervise supply support surpass survey sustain
synthesize systematize tailor target teach test tighten track trade train transcribe
transform translate treble triple troubleshoot tutor uncover unify unite update upgrade use
validate verify visualize volunteer weigh widen win write
"""

# Irregular forms and ones the rules below would get wrong: form -> base.
_IRREGULAR = {
    "led": "lead",
    "built": "build",
    "cut": "cut",
    "ran": "run",
    "won": "win",
    "wrote": "write",
    "written": "write",
    "grew": "grow",
    "drove": "drive",
    "taught": "teach",
    "sold": "sell",
    "oversaw": "oversee",
    "overseen": "oversee",
    "made": "make",
    "began": "begin",
    "took": "take",
    "spoke": "speak",
    "chose": "choose",
    "brought": "bring",
    "set": "set",
    "shipped": "ship",
    "kept": "keep",
    "met": "meet",
    "spun": "spin",
    "struck": "strike",
    "undertook": "undertake",
    "forged": "forge",
    "found": "find",
    "founded": "found",
    "rebuilt": "rebuild",
    "rewrote": "rewrite",
    "outran": "outrun",
    "beat": "beat",
    "upheld": "uphold",
    "withdrew": "withdraw",
    "fed": "feed",
    "sought": "seek",
    "thought": "think",
    "bought": "buy",
    "dealt": "deal",
    "held": "hold",
    "gave": "give",
    "put": "put",
    "lent": "lend",
    "sped": "speed",
    "hit": "hit",
    "quit": "quit",
    "redid": "redo",
    "did": "do",
    "halved": "halve",
    "programmed": "program",
}
# Verbs that read the same in past and present: never a tense finding.
_SAME_BOTH = {"cut", "set", "put", "hit", "quit", "beat", "spread", "read", "broadcast", "cost"}
_EXTRA_BASE = {
    "make",
    "begin",
    "take",
    "choose",
    "bring",
    "keep",
    "meet",
    "spin",
    "strike",
    "undertake",
    "find",
    "outrun",
    "beat",
    "uphold",
    "withdraw",
    "feed",
    "seek",
    "think",
    "buy",
    "deal",
    "hold",
    "give",
    "put",
    "lend",
    "speed",
    "hit",
    "quit",
    "redo",
    "do",
    "spread",
    "broadcast",
}
VERBS: frozenset[str] = frozenset(_VERBS.split()) | _EXTRA_BASE

# Openers that describe a duty or a helping role rather than an action.
WEAK = {
    "responsible",
    "helped",
    "help",
    "helps",
    "assisted",
    "assist",
    "assists",
    "worked",
    "work",
    "works",
    "participated",
    "participate",
    "tasked",
    "duties",
    "duty",
    "involved",
    "handled",
    "handle",
    "handles",
    "various",
    "in",
    "was",
    "were",
    "am",
    "is",
    "are",
    "been",
    "being",
    "did",
    "do",
    "does",
    "had",
    "have",
    "has",
    "tried",
    "attempted",
    "utilized",
    "used",
    "use",
    "dealt",
    "got",
    "get",
    "went",
    "my",
    "our",
    "i",
    "we",
    "the",
    "a",
    "an",
    "this",
    "that",
    "also",
    "successfully",
    "key",
}
# Weak even though they end in -ed: they describe being there, not doing.
_WEAK_PAST = {w for w in WEAK if w.endswith("ed")}
_PREFIXES = ("co-", "re-", "pre-", "cross-", "self-", "over-", "out-", "up-")

_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|double[ds]?|doubling|"
    r"triple[ds]?|tripling|quadrupled|halv(?:ed|ing|es)|half|twice|percent|per cent)\b",
    re.I,
)
_RESULT_WORDS = re.compile(
    r"\b(?:increas\w*|reduc\w*|decreas\w*|grew|grow\w*|growth|sav(?:ed|ing|ings)|cut|"
    r"improv\w*|rais\w*|faster|fewer|lower\w*|higher|boost\w*|lift\w*|eliminat\w*|"
    r"won|award\w*|rank\w*|record|first|top|exceed\w*|surpass\w*|outperform\w*|accelerat\w*|"
    r"shortened|shrank|shrunk|expand\w*|"
    r"on time|under budget|ahead of schedule|promoted|adopted by)\b",
    re.I,
)
_DIGIT_OR_MONEY = re.compile(r"\d|[$€£¥%]")

_FIRST_PERSON = re.compile(
    r"(?<![\w/'’-])(?:I(?:['’](?:m|ve|d|ll))?|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e(?:['’](?:re|ve|d|ll))?"
    r"|us|Us|[Oo]ur|[Oo]urs|[Oo]urselves)(?![\w/'’-])"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-/]*|\d[\w.,%]*")
_LEAD = re.compile(r"^[\s•·\-–—*>▪◦●]*")


@dataclass(frozen=True)
class Verb:
    """The first word of a bullet, read as a verb."""

    word: str  # as written (without a leading bullet mark)
    start: int
    end: int
    base: str  # "lead" for "Led", "found" for "Co-founded"; "" when not a known verb
    tense: str  # "past", "present", "either", ""
    weak: bool


def first_verb(text: str) -> Verb | None:
    start = _LEAD.match(text).end()  # type: ignore[union-attr]
    match = _WORD.match(text, start)
    if match and match.group().lower() in {"i", "we"}:  # RB4 says it; read the verb after
        match = _WORD.search(text, match.end())
    if not match:
        return None
    word = match.group().rstrip(",.:;")
    end = match.start() + len(word)
    lower = word.lower().replace("’", "'")
    if lower in WEAK:
        return Verb(word, match.start(), end, "", "", True)
    stem = lower
    for prefix in _PREFIXES:
        if stem.startswith(prefix) and len(stem) > len(prefix) + 2:
            stem = stem[len(prefix) :]
            break
    base, tense = _base(stem)
    if not base and stem.endswith("ed") and stem not in _WEAK_PAST and len(stem) > 4:
        base, tense = stem[:-2], "past"  # an -ed verb we don't list: read it as a verb
    return Verb(word, match.start(), end, base, tense, False)


def _base(word: str) -> tuple[str, str]:
    if word in _IRREGULAR:
        base = _IRREGULAR[word]
        if word == base or base in _SAME_BOTH:
            return base, "either"
        return base, "past"
    if word in VERBS:
        return word, "either" if word in _SAME_BOTH else "present"
    for candidate in _past_bases(word):
        if candidate in VERBS:
            return candidate, "past"
    for candidate in _s_bases(word):
        if candidate in VERBS:
            return candidate, "present"
    return "", ""


def _past_bases(word: str) -> list[str]:
    if not word.endswith("ed"):
        return []
    stem = word[:-2]
    found = [stem, stem + "e"]
    if stem.endswith("i"):
        found.append(stem[:-1] + "y")  # applied -> apply
    if len(stem) > 2 and stem[-1] == stem[-2]:
        found.append(stem[:-1])  # planned -> plan
    return found


def _s_bases(word: str) -> list[str]:
    if not word.endswith("s"):
        return []
    found = [word[:-1]]
    if word.endswith("es"):
        found.append(word[:-2])
    if word.endswith("ies"):
        found.append(word[:-3] + "y")
    return found


def words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def lint_bullet(
    text: str, *, current: bool = False, earlier: list[str] | tuple[str, ...] = ()
) -> list[Finding]:
    """Findings for one bullet. `current`: the entry is still going on (present tense is fine).

    `earlier`: the bullets before it in the same entry (for RB5, a verb used twice).
    """
    stripped = text.strip()
    if not stripped:
        return []
    found: list[Finding] = []
    verb = first_verb(text)
    if verb is not None:
        found.extend(_verb_findings(verb, current=current, earlier=earlier))
    if not (
        _DIGIT_OR_MONEY.search(text) or _NUMBER_WORDS.search(text) or _RESULT_WORDS.search(text)
    ):
        found.append(
            Finding(
                "RB2",
                WARNING,
                0,
                len(text),
                "Add a result or a number: how much, how many, how fast, or what "
                "changed because of it.",
            )
        )
    count = len(words(text))
    if count > MAX_WORDS:
        cut = words(text)[MAX_WORDS].start()
        found.append(
            Finding(
                "RB3",
                WARNING,
                cut,
                len(text.rstrip()),
                f"{count} words: keep a bullet to {MAX_WORDS} words or fewer "
                "(about two printed lines).",
            )
        )
    for match in _FIRST_PERSON.finditer(text):
        found.append(
            Finding(
                "RB4",
                ERROR,
                match.start(),
                match.end(),
                f"“{match.group()}”: leave out the first person; start with what you did.",
            )
        )
    return found


def _verb_findings(
    verb: Verb, *, current: bool, earlier: list[str] | tuple[str, ...]
) -> list[Finding]:
    found = []
    if verb.weak or not verb.base:
        opener = "a weak opener" if verb.weak else "not a verb we know"
        found.append(
            Finding(
                "RB1",
                WARNING,
                verb.start,
                verb.end,
                f"“{verb.word}” is {opener}: start with a strong verb that says "
                "what you did, such as Led, Built, Cut or Launched.",
            )
        )
        return found
    if verb.tense == "present" and not current:
        found.append(
            Finding(
                "RB6",
                WARNING,
                verb.start,
                verb.end,
                f"“{verb.word}” is present tense in a past position: write it in the past tense.",
            )
        )
    bases = [v.base for v in (first_verb(e) for e in earlier) if v is not None and v.base]
    if verb.base in bases:
        found.append(
            Finding(
                "RB5",
                WARNING,
                verb.start,
                verb.end,
                f"“{verb.word}” already starts bullet {bases.index(verb.base) + 1} "
                "of this entry: vary the verb.",
            )
        )
    return found


def lint_entry(bullets: list[str], *, current: bool = False) -> list[list[Finding]]:
    """Findings for each bullet of one entry, in order (RB5 looks at the ones before)."""
    return [
        lint_bullet(text, current=current, earlier=bullets[:index])
        for index, text in enumerate(bullets)
    ]

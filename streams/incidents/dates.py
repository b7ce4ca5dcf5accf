"""Resolves the dates a report names ("on Tuesday", "Aug. 20", "20 August 2019", "yesterday") against its date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

DateKind = Literal["explicit", "month_day", "weekday", "relative"]

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
}


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


# Feasts that name a day, each a year's days (Thanksgiving: the US's fourth Thursday of November and Canada's second
# Monday of October, weeks apart, so at most one lies in a report's look-back).
HOLIDAYS: dict[str, Callable[[int], tuple[date, ...]]] = {
    "thanksgiving": lambda y: (_nth_weekday(y, 11, 3, 4), _nth_weekday(y, 10, 0, 2)),
    "christmas eve": lambda y: (date(y, 12, 24),),
    "christmas day": lambda y: (date(y, 12, 25),),
    "boxing day": lambda y: (date(y, 12, 26),),
    "new year's eve": lambda y: (date(y, 12, 31),),
    "new year's day": lambda y: (date(y, 1, 1),),
    "halloween": lambda y: (date(y, 10, 31),),
    "good friday": lambda y: (_easter(y) - timedelta(days=2),),
    "easter sunday": lambda y: (_easter(y),),
    "easter monday": lambda y: (_easter(y) + timedelta(days=1),),
}


def _holiday_near(name: str, reference: date) -> date | None:
    """The feast's latest day on or before the reference (a report looks back), within a year."""
    days = [d for year in (reference.year - 1, reference.year) for d in HOLIDAYS[name](year) if d <= reference]
    return max(days, default=None)


_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
DATE_RE = re.compile(
    "|".join(
        [
            # 2019-08-20
            r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b",
            # August 20, 2019 / Aug. 20 2019 / August 20 / Tue Jul 02 2013
            r"\b" + _MONTH.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r"\b(?:,?\s+" + _YEAR.format(g="y1") + r")?",
            # 20 August 2019 / 20th of August
            r"\b"
            + _DAY.format(g="d2")
            + r"\s+(?:of\s+)?"
            + _MONTH.format(g="m2")
            + r"(?:,?\s+"
            + _YEAR.format(g="y2")
            + r")?",
            # on Tuesday / last Tuesday
            r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b",
            r"\b(?P<rel>today|tonight|yesterday|last night|this (?:morning|afternoon|evening))\b",
            # Thanksgiving night, Christmas Eve, Easter Monday: a day by its feast's name.
            r"\b(?P<hol>" + "|".join(name.replace("'", "['\u2019]") for name in HOLIDAYS) + r")\b",
        ]
    ),
)
# A year 1900-2099, as "\b(?:19|20)\d\d\b" reads one; its century first, so the engine skips ahead to candidates.
YEAR_RE = re.compile(r"(?:19|20)(?<!\w\d\d)\d\d\b")
# The lead of a report (headline, dateline, first sentences) names the incident's own date; later dates are background.
DATELINE_CHARS = 400


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date named in the text, resolved to a calendar day; `start` is the offset in the text searched."""

    day: date
    kind: DateKind
    start: int
    text: str


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day_near(month: int, day: int, reference: date) -> date | None:
    """The year that puts month/day closest to the reference, not more than a few days after it (reports look back)."""
    best: date | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is None or candidate > reference + timedelta(days=3):
            continue
        if best is None or abs((candidate - reference).days) < abs((best - reference).days):
            best = candidate
    return best


def find_dates(lower: str, reference: date | None) -> list[DateMention]:
    """Every date mention of the lower-cased text that resolves to a day; relative ones (weekday, yesterday,
    month-day) need `reference`. Matching lower-cased text is several times faster than a case-insensitive pattern,
    and the callers read the same lower-cased text around each mention."""
    mentions: list[DateMention] = []
    for match in DATE_RE.finditer(lower):
        groups = match.groupdict()
        resolved: date | None = None
        kind: DateKind
        if groups["iy"]:
            resolved, kind = _safe_date(int(groups["iy"]), int(groups["im"]), int(groups["id"])), "explicit"
        elif groups["m1"] or groups["m2"]:
            month = MONTHS[(groups["m1"] or groups["m2"])[:3].lower()]
            day = int(groups["d1"] or groups["d2"])
            year = groups["y1"] or groups["y2"]
            if year:
                resolved, kind = _safe_date(int(year), month, day), "explicit"
            else:
                kind = "month_day"
                resolved = _month_day_near(month, day, reference) if reference else None
        elif groups["wd"]:
            kind = "weekday"
            if reference is not None:
                # News convention: a bare weekday names the latest such day on or before publication.
                back = (reference.weekday() - WEEKDAYS[groups["wd"].lower()]) % 7
                if back == 0 and lower.endswith("last ", 0, match.start()):
                    back = 7  # "last Thursday" written on a Thursday is a week ago
                resolved = reference - timedelta(days=back)
        elif groups["hol"]:
            kind = "month_day"
            resolved = _holiday_near(groups["hol"].replace("\u2019", "'"), reference) if reference else None
        else:
            kind = "relative"
            if reference is not None:
                resolved = reference + timedelta(days=RELATIVE_DAYS[" ".join(groups["rel"].lower().split())])
        if resolved is not None:
            mentions.append(DateMention(resolved, kind, match.start(), match.group()))
    return mentions


@dataclass(frozen=True, slots=True)
class EventDate:
    """When the reported incident happened, and where that came from (evidence for the verdict)."""

    day: date | None
    source: str  # "text:<kind>", "published", "dateline" or "none"
    text: str | None = None
    # Every day the lead names within the look-back window, in text order: "charged on Thursday in Tuesday's
    # shooting" names both the news and the incident it follows up. Not the day of a statement ("the death toll
    # has risen to 72, a monitor said on Wednesday"): a follow-up's own news, not when the incident happened.
    lead_days: tuple[date, ...] = ()
    # The weekdays of those days (0 = Monday). Without a publication date no day resolves, but the weekdays the lead
    # names still compare: every report of Tuesday night's shooting says "Tuesday", whenever it was written.
    lead_weekdays: tuple[int, ...] = ()


# A date that says when something was said, not when the incident happened: "said on Wednesday", "told AFP on
# Wednesday", "on Wednesday announced"; or when its dead were named: "Police on Monday identified the two refugees
# killed in a late-night shootout".
_SAYING = r"(?:said|says|told|announced|reported|stated|confirmed|added|declared|identified|named)"
_REPORTED_BEFORE = re.compile(
    r"\b"
    + _SAYING
    # "said in a statement on Thursday", "told reporters in Cucuta on Friday": where it was said, then its day.
    + r"(?: (?:in|at) (?:a |an |its |their |his |her )?(?:joint |written |separate )?"
    r"(?:statement|interview|briefing|news conference|press conference)| reporters(?: in [\w.]+)?)?"
    r"(?: [\w.]+){0,2}(?: on)?\s*$"
)
_REPORTED_AFTER = re.compile(r"^\s*(?P<comma>,\s*)?" + _SAYING + r"\b")
# What happened, at its clock time, then who told it: "The accident happened in the Kazir Shimla area around 5:50am on
# Friday, said Sub-inspector Mizanur Rahman". The day before ", said" is the incident's, not the statement's.
_HAPPENED_AT_RE = re.compile(r"\b(?:happened|occurred|took place|\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.))")


# A clause that points at another incident ("the same stretch of road that was sealed off on Sunday", "not linked to
# last Friday's shooting", "two miles south of the carryout where a man was killed Saturday", "bore similarities to
# one Monday night", "unlike Tuesday's strike on a building in nearby Haret Hreik"): its days are background.
# "Another" only of an incident ("another fatal shooting on Friday"), not of a second victim or car ("one man was
# killed and another was wounded", "crashed head-on into another car early Saturday").
INCIDENT_NOUNS = (
    r"(?:shooting|stabbing|attack|crash|wreck|collision|incident|killing|homicide|murder|robbery|holdup|carjacking"
    r"|fire|blaze|strike|airstrike|bombing|explosion|blast|raid|assault|clash|shelling)"
)
_ANOTHER_INCIDENT = r"another(?:\s+[\w-]+)?\s+(?:" + INCIDENT_NOUNS + r"|one)"
# An incident that recalls an earlier one: "The attack recalled Monday's killing of a money changer by two gunmen on a
# motorbike" tells the killing's day, not the attack's. The incident is the subject: a witness who "recalled" a day
# recalls the report's own.
RECALLED_INCIDENT = (
    INCIDENT_NOUNS
    + r"\s+(?:recalled|recalls|echoed|echoes|mirrored|mirrors|evoked|evokes|(?:was|is)\s+reminiscent\s+of)\b"
)
# A denial of a link to another incident ("not connected to", "nothing at this stage to suggest ... was linked to"):
# the date and sentence readers (`features.OTHER_INCIDENT_SENTENCE_RE`) both read one so.
# A suspect held for one incident is "not a suspect in" the other: "not a suspect in Friday morning's robbery of a gas
# station on Montgomery Cross Road". "Tied" only denied ("police say not tied to Sunday homicide"): whether a robbery
# "could be tied to a similar smash-and-grab" is asked of its own incident's suspects.
DENIED_LINK = (
    r"(?:(?:not|no|nothing|never|whether)\b[^.!?\n]{0,60}?\b"
    r"(?:connected|connecting|linked|linking|related|(?<!in )connection|link)"
    r"|(?:not|never)\s+(?:[\w']+\s+){0,3}?tied\s+to"
    r"|not\s+(?:considered\s+|believed\s+to\s+be\s+)?a\s+suspect\s+in"
    # "Hollister said the two stabbings are unrelated": not the "unrelated charges" a suspect is also held on.
    r"|(?:are|were|is|was|be)\s+(?:(?:completely|totally|entirely|likely|probably)\s+)?unrelated\b)"
)
# A headline that tells a repeat ("Uvira shelled again", "second shooting in days", "another four bodies found", "new
# herder-farmer clash", "new" in lower case only: not "New Year" or "New Orleans"): the lead names the earlier
# incident's day too ("after Wednesday's shelling"), its earliest. Its first clause only:
# "Upper Darby man killed on Garrett Road; second shooting in Darby leaves one wounded" is about the killing; and not
# "another" of a second victim ("Man killed, another wounded in shooting").
_REPEAT_HEADLINE_RE = re.compile(
    r"\bagain\b"
    r"|\b(?:another|fresh|renewed|(?-i:new))\s+(?:(?!in\b|at\b|on\b|of\b|after\b)[\w-]+\s+){0,2}?(?:"
    + INCIDENT_NOUNS
    + r"|bodies|body)\b"
    r"|\b(?:second|third)\b(?:\s+[\w'-]+){0,7}?\s+(?:in\s+(?:a|two|three|four|five|as many|\d+)\s+"
    r"(?:days|nights|weeks|hours|day|night|week)|in days|since\s+\w+day|(?:day|night)\s+running|this week)\b",
    re.IGNORECASE,
)
# A count of the incident's dead or held, not of incidents: "A fourth person has died after Saturday night's grenade
# attack" names the attack's own day.
_COUNTED_PEOPLE = (
    r"(?:person|people|victim|man|woman|child|boy|girl|teenager|body|death|suspect|officer|soldier|driver|passenger)"
)
_OTHER_INCIDENT_RE = re.compile(
    r"\b(?:same|unlike|" + _ANOTHER_INCIDENT + r"|" + RECALLED_INCIDENT + r"|separate|unrelated|previous|similar"
    r"|similarities|resembl\w*"
    r"|" + DENIED_LINK + r"|(?:from|near|of|to) where"
    r"|(?:miles?|blocks?|kilometres?|kilometers?|km|metres?|meters?)(?: [\w']+){0,5},? where"
    # A count or a recall of the last incident: "the second shooting in the area in less than three days, after a man
    # was shot ... on Tuesday night", "the shooting comes a day after ...", "the second attack on humanitarian traffic
    # in eastern Chad in three days, after ..." (80 characters: 60 missed that one).
    r"|(?:second|third|fourth|fifth|latest)\b(?!\s+" + _COUNTED_PEOPLE + r"\b)[\w\s,'-]{0,80}\bafter"
    r"|(?:comes?|came)\b[\w\s,'-]{0,40}\bafter)\b"
)
# Not the points of an initialism ("on U.S. 50 in southwest Kansas"): a letter alone before the point.
_CLAUSE_START_RE = re.compile(r".*(?:(?<!\b[a-z])[.!?][\"'\u2019\u201d)]*\s|\n)", re.DOTALL | re.IGNORECASE)
_IN_SENTENCE = r"(?:[^.!?\n]|(?<=\b[a-z])\.)"


# A sentence that counts this incident among others of days before ("It is the second major crash on the West Side
# stretch of I-40 this week.", "the second deadly attack on a village in the department in less than a week"): the
# next sentence, when it opens on a day ("On Tuesday, a driver was killed ..."), retells the earlier one.
_COUNTING_SENTENCE_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|latest|another)\b"
    + _IN_SENTENCE
    + r"{0,80}?\b(?:this week|this month|in days"
    r"|in (?:less than |just |under )?(?:a|one|two|three|four|five|six|\d+) (?:days?|nights?|weeks?|hours)|since"
    r"|within)\b"
)
# "On Tuesday, ...", "Early on Tuesday, ...", "In the early hours of Wednesday, ...".
_OPENS_ON_RE = re.compile(r"\s*(?:(?:early|late)\s+)?on\s+|\s*in\s+the\s+(?:early|small)\s+hours\s+of\s+")
# The same opening, on a weekday ("On Tuesday morning, a father and son were killed ...").
_OPENS_ON_A_DAY_RE = re.compile(r"(?:" + _OPENS_ON_RE.pattern + r")(?:" + "|".join(WEEKDAYS) + r")\b")


# A counting sentence (`_COUNTING_SENTENCE_RE`) and the next, opening on a day: what `retells_an_earlier_incident`
# looks for, in a whole lower-cased body (a prefilter: most reports have none).
_RETELLING_RE = re.compile(
    _COUNTING_SENTENCE_RE.pattern + _IN_SENTENCE + r"*[.!?][\"'\u2019\u201d)]*\s+" + _OPENS_ON_A_DAY_RE.pattern
)


def may_retell_an_earlier_incident(lower: str) -> bool:
    """Whether a lower-cased body may hold a sentence `retells_an_earlier_incident` finds."""
    return _RETELLING_RE.search(lower) is not None


def retells_an_earlier_incident(text: str, before: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """Whether the sentence at `sentence` opens on a day ("On Tuesday morning, a father and son were killed ... at
    Ranna") right after one, at `before`, that counts the report's incident among others ("This is the second fatal
    accident on the A2 within the Hungama Police area this week"): it retells the earlier one, whose day
    `_about_another_incident` sets apart too."""
    return _OPENS_ON_A_DAY_RE.match(text[sentence[0] : sentence[1]].lower()) is not None and (
        _COUNTING_SENTENCE_RE.search(text[before[0] : before[1]].lower()) is not None
    )


# A denial that names both incidents tells the report's own first, as its headline does ("no connection between a
# stabbing in a Bishop's Falls home on Tuesday night and a stabbing outside a Grand Falls-Windsor bar two days
# earlier"): a day before the pair's "and" is the report's own.
_FIRST_OF_A_DENIED_PAIR_RE = re.compile(r"\b(?:connection|link|links)\s+between\s+(?:(?!\band\b)[^.!?\n])*$")


def _about_another_incident(text: str, start: int) -> bool:
    """Whether the date at text[start] sits in a sentence that, before it, points at another incident; or in one
    that opens on it ("On Tuesday, ...") after a sentence counting incidents (`_COUNTING_SENTENCE_RE`): the sentence
    right before it, or the lead's first, which counts the report's own ("... late on Thursday, police said, the second
    targeted shooting of a government employee in Puntland this week", then, paragraphs on, "On Sunday evening, a
    regional revenue officer ... was shot dead")."""
    opening = _CLAUSE_START_RE.match(text, max(0, start - 300), start)
    sentence_start = opening.end() if opening else max(0, start - 300)
    other = _OTHER_INCIDENT_RE.search(text, sentence_start, start)
    if other and not _FIRST_OF_A_DENIED_PAIR_RE.search(text, other.start(), start):
        return True
    if opening is None or not _OPENS_ON_RE.fullmatch(text, sentence_start, start):
        return False
    before = _CLAUSE_START_RE.match(text, max(0, sentence_start - 300), max(0, sentence_start - 2))
    if _COUNTING_SENTENCE_RE.search(text, before.end() if before else max(0, sentence_start - 300), sentence_start):
        return True
    # The text is a headline and the lead, one line before it (`resolve_event_date`).
    body_start = text.find("\n") + 1
    first = _FIRST_SENTENCE_RE.match(text, body_start)
    return (
        first is not None
        and first.end() <= sentence_start
        and _COUNTING_SENTENCE_RE.search(text, first.start(), first.end()) is not None
    )


# A sentence up to its end, or its line's.
_FIRST_SENTENCE_RE = re.compile(r"[^\n]*?(?:[.!?](?=\s|$)|\n|$)")


def _names_this_incidents_day(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] may be the incident's: not a statement's day, nor another incident's, nor
    the start of a count of incidents ("the interstate's second fatal wreck since Friday"), nor a day something will
    happen on, nor a person's name ("Mr Friday Okwuchukwu")."""
    return (
        not _TITLE_BEFORE_RE.search(text, max(0, start - 10), start)
        and not _said_on(text, start, end)
        and not _about_another_incident(text, start)
        and not _COUNTED_SINCE_RE.search(text, max(0, start - 90), start)
        and not _CLOCK_CONVERSION_RE.search(text, max(0, start - 20), start)
        and not _quoted(text, start)
        and not _WILL_BEFORE_RE.search(text, max(0, start - 60), start)
    )


def _quoted(text: str, start: int) -> bool:
    """Whether text[start] lies inside a quotation of its paragraph: a speaker's "yesterday" ("People were still
    coming back from the funerals of yesterday") is the speaker's day, often another incident's."""
    paragraph = text[text.rfind("\n", 0, start) + 1 : start]
    straight = paragraph.count('"')
    curly = paragraph.count("\u201c") - paragraph.count("\u201d")
    return straight % 2 == 1 or curly > 0


# "the second fatal wreck since Friday", "at least the fifth shooting reported in the city since Friday": a count of
# incidents from a day, which is not this one's ("missing since Wednesday" is).
_COUNTED_SINCE_RE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b[^.!?\n]{0,70}\bsince\s+$"
)


# Wire copy's clock in GMT in brackets after the local one ("at around 8:40 pm local time (0140 GMT Tuesday)"): the
# day there is the GMT clock's, often the next; the incident's day is the local one, named beside it. Not British
# news's own clock ("at about 21:15 GMT on Wednesday").
_CLOCK_CONVERSION_RE = re.compile(r"\(\s*\d{1,2}:?\d\d\s*(?:gmt|utc)\s+(?:on\s+)?$")


# A day ahead of the report ("crews will remain overnight and into Thursday", "closed until Friday"): no day of what
# happened. Not an inquiry "into Tuesday's drone strike".
_AHEAD_RE = re.compile(r"\b(?:until|till|next|coming|(?:and|well|late)\s+into)\s+$")
# A day in a clause that says what will be ("an investigation will begin on Friday", "flags will fly at half-mast from
# Wednesday to Friday", "the scene examination was expected to continue into Tuesday", "is due to appear in court on
# Thursday", "was held for a bail hearing in Cobourg on Monday", "remanded in custody to appear on Friday", "the
# search, which was to resume on Monday morning", "the search was suspended at dark and would resume on Monday
# morning", "an autopsy was scheduled for Monday", "had planned to spend Saturday helping his grandfather", not "two
# would-be robbers"): read back as the last such weekday, it would date the incident days before it happened.
_WILL_BEFORE_RE = re.compile(
    r"\b(?:will|would(?!-)|(?:expected|due|scheduled|set|is|are|was|were|planned|meant|intended)\s+to|to\s+appear"
    r"|(?:scheduled|slated|planned|set)\s+for|held\s+for\s+(?:a\s+)?(?:bail\s+)?hearing)\b"
    r"[^.!?\n,;]{0,50}$"
)
# A weekday that is a person's given name, as in West African news ("An eyewitness, Mr Friday Okwuchukwu, told ..."):
# after a title of address, no day at all.
_TITLE_BEFORE_RE = re.compile(r"\b(?:mr|mrs|ms|miss|dr|chief|alhaji|madam|comrade)\.?\s+$")

# An incident "overnight" with no day of its own named: the night that ended on the report's (or the statement's) day,
# which news names by its evening ("late on Monday night"). Not a stay ("kept overnight in hospital").
_OVERNIGHT_RE = re.compile(
    r"\b(?:attack\w*|struck|killed|shot|stormed|clash\w*|fighting|raid\w*|fire)\b[^.!?\n]{0,60}"
    r"(?<!kept )(?<!stayed )(?<!held )(?<!remained )(?<!detained )\bovernight\b(?! in (?:hospital|custody|jail))"
    r"|\bovernight (?:attack|raid|strike|clash|shooting|fire|blast)"
)


def _overnight(lead_lower: str) -> bool:
    """`_OVERNIGHT_RE` in the lead; the word looked for first, as most leads lack it."""
    return "overnight" in lead_lower and _OVERNIGHT_RE.search(lead_lower) is not None


_WEEKDAY_RE = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")

# A day that a reaction is on, then the incident it follows by a count of days ("Anbar officials warned truffle
# hunters on Thursday to stay out of uncleared desert areas, a day after an old landmine killed three men"): the
# incident's day is that many before. Only after a reaction's verb and no incident's in the sentence before the day:
# "a man was shot dead on Tuesday, a day after his brother's arrest" is shot on Tuesday.
_DAYS_AFTER_RE = re.compile(r"[^.!?\n,;]{0,60}?,\s+(?P<count>a|one|the|two|three)\s+days?\s+after\b")
_DAY_COUNTS = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3}
_REACTION_RE = re.compile(
    r"\b(?:warn|urg|vow|buri|bury|mourn|protest|condemn|call|demand|pledg|announc|order|imposed|declar|tighten"
    r"|deploy|gather|rall|march|clos|shut|step)\w*"
)
_INCIDENT_VERB_RE = re.compile(
    r"\b(?:kill|shot|shoot|attack|explod|blast|bomb|struck|strik|storm|clash|burn|died|dead|wound|injur|hurt"
    r"|stab|crash|abduct|kidnap|raid|fire[ds]?\b)"
)


# A day told after "after" in the past perfect, of no incident's verb ("heading towards Basukinath Dham after the group
# had offered water at the temple on Thursday evening"): what came before the moment the lead tells, not the moment.
# Any past perfect is not enough: follow-ups tell their incident so ("who had failed to return to shore after going for
# a swim on Sunday", "said they had solved Monday's robbery"). Not a passive ("after he had been admitted to hospital
# on Tuesday"); nor with an incident's verb after "had" in its sentence ("after he had left the bar on Friday, he was
# shot").
_PAST_PERFECT_BEFORE_RE = re.compile(
    r"\bafter\s+(?:[a-z']+\s+){1,3}had\s+(?!been\b)[a-z]+\b" + _IN_SENTENCE + r"{0,80}$"
)


# A journey's start told in the past perfect ("The trawler ... had left the BFDC ghat in Patharghata on Wednesday with
# 14 fishermen on board", after "sank ... early today"): the setting out, before the moment the lead tells. Not "had
# gone missing", the moment itself.
_SET_OUT_BEFORE_RE = re.compile(
    r"\bhad\s+(?:left|departed|sailed|set\s+(?:out|off|sail)|travell?ed|headed|started\s+out)\b"
    + _IN_SENTENCE
    + r"{0,80}$"
)


def _told_before_the_moment(lower: str, mention: DateMention) -> bool:
    """Whether `mention` is a day told in the past perfect (`_PAST_PERFECT_BEFORE_RE`, `_SET_OUT_BEFORE_RE`) of no
    incident's verb."""
    start = max(0, mention.start - 100)
    perfect = _PAST_PERFECT_BEFORE_RE.search(lower, start, mention.start) or _SET_OUT_BEFORE_RE.search(
        lower, start, mention.start
    )
    if perfect is None:
        return False
    sentence = _FIRST_SENTENCE_RE.match(lower, perfect.start())
    stop = sentence.end() if sentence else len(lower)
    return _INCIDENT_VERB_RE.search(lower, perfect.start(), stop) is None


def _counted_back(lower: str, mention: DateMention) -> DateMention:
    """`mention` moved back by the days a reaction on it came after the incident (`_DAYS_AFTER_RE`)."""
    after = _DAYS_AFTER_RE.match(lower, mention.start + len(mention.text))
    if after is None:
        return mention
    opening = _CLAUSE_START_RE.match(lower, max(0, mention.start - 300), mention.start)
    before = lower[opening.end() if opening else max(0, mention.start - 300) : mention.start]
    if _REACTION_RE.search(before) is None or _INCIDENT_VERB_RE.search(before) is not None:
        return mention
    return replace(mention, day=mention.day - timedelta(days=_DAY_COUNTS[after.group("count")]))


def _said_on(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] is attached to a verb of saying (`text` lower-cased, as searched)."""
    if _REPORTED_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    after = _REPORTED_AFTER.match(text[end : end + 20])
    return after is not None and not (
        after.group("comma") and _HAPPENED_AT_RE.search(text, max(0, start - 60), start) is not None
    )


def _lead_weekdays(lead_lower: str) -> tuple[int, ...]:
    """The weekdays a lead names, in text order, not those of a statement ("police said on Thursday")."""
    named = (
        WEEKDAYS[match.group()]
        for match in _WEEKDAY_RE.finditer(lead_lower)
        if _names_this_incidents_day(lead_lower, match.start(), match.end())
    )
    return tuple(dict.fromkeys(named))


# How a lead names the day of the incident its headline's repeat follows: "Monday's strike", "after Wednesday's
# shelling", "following Sunday's attack", "since Tuesday".
_EARLIER_ONE_BEFORE_RE = re.compile(r"\b(?:after|following|since)\s+(?:the\s+)?$")
_EARLIER_ONE_AFTER_RE = re.compile(r"['\u2019]s\b")


def _names_an_earlier_one(lead_lower: str, naming: list[DateMention], earliest: date) -> bool:
    """Whether the lead names its `earliest` day as another incident's: after "after", "following" or "since", or
    as a possessive ("On the day Kramatorsk was mourning the victims of Monday's strike")."""
    return any(
        _EARLIER_ONE_AFTER_RE.match(lead_lower, m.start + len(m.text))
        or _EARLIER_ONE_BEFORE_RE.search(lead_lower, max(0, m.start - 20), m.start)
        for m in naming
        if m.day == earliest
    )


# A lead that opens on the days since what it follows ("BIKANER: Four days after three armed men looted a jewellery
# shop in Kolayat's main market, police have arrested two of the accused"): that incident's day is so many days
# before the day the lead names next, or the report's. A lead day besides its own, as "charged on Thursday in
# Tuesday's shooting" names two; an opening dateline ("UDHAMPUR:", "GONDAR, Ethiopia -") may come first.
_OPENING_DAYS_AFTER_RE = re.compile(
    r"(?:[^\n.!?]{0,50}?(?::|\u2014|\u2013|--| - )\s*)?(?:just |barely |only |nearly |almost |some )?"
    r"(?P<count>a|one|two|three|four|five|six|seven|[1-7]) days? after\b",
    re.IGNORECASE,
)
_OPENING_DAY_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _day_opened_after(body: str, body_start: int, naming: list[DateMention], reference: date) -> date | None:
    """The day of the incident a lead opens on the days since (`_OPENING_DAYS_AFTER_RE`): counted back from the day
    its opening sentence names next, else from the report's ("police have arrested"); None if it opens otherwise.
    `naming` holds the lead's days, their offsets from `body_start` on."""
    opening = _OPENING_DAYS_AFTER_RE.match(body)
    if opening is None:
        return None
    count = opening.group("count").lower()
    since = int(count) if count.isdigit() else _OPENING_DAY_COUNTS[count]
    sentence = _FIRST_SENTENCE_RE.match(body, opening.end())
    stop = body_start + (sentence.end() if sentence else len(body))
    told = next((m.day for m in naming if body_start + opening.end() <= m.start < stop), reference)
    return told - timedelta(days=since)


def resolve_event_date(title: str, body: str, published: date | None, lookback_days: int = 10) -> EventDate:
    """The incident's day: the first date in the lead that falls shortly before publication, else publication day.

    Without a publication date, a full date in the dateline (first characters of the body) stands in for it.
    Dates long before publication are background ("the chemical attack of April 2017") and never the event date.
    """
    reference = published
    source_if_none = "published"
    if reference is None:
        for mention in find_dates(body[:DATELINE_CHARS].lower(), None):
            if mention.kind == "explicit":
                reference, source_if_none = mention.day, "dateline"
                break
    lead_lower = (title + "\n" + body[: DATELINE_CHARS * 2]).lower()
    if reference is None:
        return EventDate(None, "none", lead_weekdays=_lead_weekdays(lead_lower))
    window = [
        _counted_back(lead_lower, m)
        for m in find_dates(lead_lower, reference)
        if reference - timedelta(days=lookback_days) <= m.day <= reference + timedelta(days=1)
        and not _AHEAD_RE.search(lead_lower, max(0, m.start - 12), m.start)
        and not _TITLE_BEFORE_RE.search(lead_lower, max(0, m.start - 10), m.start)
    ]
    if len(window) > 1 and window[0].kind in ("explicit", "month_day") and window[0].day == reference:
        # A dateline restating the publication day ("LONDON, Nov. 11 -") is not when the thing happened.
        window = window[1:]
    if window:
        # Without a publication time the dateline's own date is the reference, not a day the lead names.
        restated = source_if_none == "dateline"
        naming = [
            m
            for m in window
            if _names_this_incidents_day(lead_lower, m.start, m.start + len(m.text))
            and not (restated and m.day == reference and m.kind in ("explicit", "month_day"))
        ]
        if len({m.day for m in naming}) > 1:
            # Only beside another day: a lead's one day in the past perfect may still be its moment's.
            naming = [m for m in naming if not _told_before_the_moment(lead_lower, m)] or naming
        named = tuple(dict.fromkeys(m.day for m in naming))
        opened_after = _day_opened_after(body, len(title) + 1, naming, reference)
        if opened_after is not None:
            named = tuple(dict.fromkeys((*named, opened_after)))
        # After a repeat's headline, the lead's earliest day is the earlier incident's, unless the lead opens on it
        # without naming it so: "died ... on Thursday night", then "reopened ... on Friday", is Thursday's.
        if (
            len(named) > 1
            and tells_a_repeat(title)
            and (named[0] != min(named) or _names_an_earlier_one(lead_lower, naming, min(named)))
        ):
            named = tuple(day for day in named if day != min(named))
        elif len(named) > 1 and (tells_a_moment_after_another(title) or lead_tells_a_moment_after_another(body)):
            # The lead tells its own moment first, then recalls those before it: "Gunmen killed three farmers ... on
            # Thursday morning", then "Sunday's attack on Yelwata". Its later days are its own (the wounded "in
            # stable condition Friday morning"). So when its first sentence says so itself: "shot dead on Tuesday
            # night in Villa de San Antonio, ..., a day after a similar killing in nearby Comayagua city".
            named = tuple(day for day in named if day >= named[0])
        # The first day named, unless it is another incident's ("police say not connected to Sunday's killing" in the
        # headline): then the first that names this one's. A statement's day stays first: a claim ("Russia says its
        # forces captured ...") is news of that day.
        first = window[0]
        if naming and _about_another_incident(lead_lower, first.start):
            first = naming[0]
        if not naming and _overnight(lead_lower):
            # "attacked a checkpoint overnight ..., police said on Tuesday": the night before the statement's day; the
            # report's, when the day named is another incident's ("not connected to Sunday's bombing").
            said = first.day if not _about_another_incident(lead_lower, first.start) else reference
            return EventDate(said - timedelta(days=1), "text:overnight", "overnight")
        return EventDate(
            first.day,
            f"text:{first.kind}",
            first.text,
            named,
            tuple(dict.fromkeys(d.weekday() for d in named)),
        )
    if _overnight(lead_lower):
        return EventDate(reference - timedelta(days=1), "text:overnight", "overnight")
    return EventDate(reference, source_if_none)


# A headline that tells a moment, then the earlier one it came after: "Gunmen kill three farmers in Benue, days after
# deadly raid", "Four shot dead at KwaMashu tavern, days after Umlazi massacre". Not what follows the earlier one: a
# death, an arrest, a vigil, a road reopened ("Baker man dies days after apartment shooting", "two youths held hours
# after birthday-party attack", "I-465 reopens hours after deadly wrong-way crash").
_TIME_AFTER_RE = re.compile(
    r"^(?P<before>.+?),?\s+(?:a day|a week|(?:\d+|two|three|four|five|six|several|a few)?\s*(?:hours|days|weeks))"
    r"\s+after\b",
    re.IGNORECASE,
)
_MOMENT_TOLD_RE = re.compile(
    r"\b(?:kill|kills|killed|shot|gunned|shooting|stabb\w*|attack\w*|ambush\w*|raid\w*|rob|robs|robbed|clash\w*"
    r"|massacre|torched|struck|abduct\w*|kidnap\w*|bomb\w*|blast)\b",
    re.IGNORECASE,
)
_AFTERMATH_TOLD_RE = re.compile(
    r"\b(?:held|arrest\w*|charged|court|dies|died|death|vigil|closed|reopens?|freed|finds?|found|mourn\w*|buri\w*"
    r"|funeral|remand\w*|suspend\w*|walk|toll)\b",
    re.IGNORECASE,
)


def _first_clause(title: str) -> str:
    """A headline up to its first semicolon, the part that tells what the report is about: "Upper Darby man killed on
    Garrett Road; second shooting in Darby leaves one wounded" is about the killing."""
    return title.split(";", maxsplit=1)[0]


def tells_a_repeat(title: str) -> bool:
    """The headline's first clause tells a repeat of an incident ("Uvira shelled again", "another I-94 freeway
    shooting", "second shooting in four days"): `_REPEAT_HEADLINE_RE`."""
    return _REPEAT_HEADLINE_RE.search(_first_clause(title)) is not None


def tells_a_moment_after_another(title: str) -> bool:
    """The headline's first clause tells a moment, then the earlier one it came after (`_TIME_AFTER_RE`)."""
    return _moment_then_after(title) is not None


def _moment_then_after(text: str) -> re.Match[str] | None:
    """The `_TIME_AFTER_RE` match of the text's first clause when what comes before it tells a moment and no
    aftermath (`tells_a_moment_after_another`), else None."""
    after = _TIME_AFTER_RE.search(_first_clause(text))
    if after is None:
        return None
    before = after.group("before")
    return after if _MOMENT_TOLD_RE.search(before) is not None and _AFTERMATH_TOLD_RE.search(before) is None else None


# What opens an "after" clause that tells the moment the sentence's people were in, or that the report is about.
_SAME_MOMENT_AFTER_RE = re.compile(r"\s+(?:he|she|they|it|his|her|their|the)\b", re.IGNORECASE)


def lead_tells_a_moment_after_another(body: str) -> bool:
    """The lead's first sentence does so (`tells_a_moment_after_another`): "Two cousins were killed when a coach hit
    their motorcycle on the Swabi-Mardan road on Friday afternoon, four days after six people died in a collision on
    the same road"."""
    first = _FIRST_SENTENCE_RE.match(body)
    if first is None:
        return False
    after = _moment_then_after(first.group())
    # Not the incident's own moment, told again after "after": "rescued ... less than 48 hours after he was abducted",
    # "claimed the remains of two rebels killed in an encounter ..., two days after the clash". Read on in the whole
    # sentence (the match is of its first clause, a prefix of it, so the offsets are the sentence's).
    return after is not None and _SAME_MOMENT_AFTER_RE.match(first.group(), after.end()) is None


# A headline that tells the death of someone an earlier moment hurt: "Kandahar prayer leader shot in Loya Wiala dies
# of wounds", "Belconnen stabbing victim dies in hospital", "Man shot outside Robstown store last week has died". Its
# lead's days are the death's, after the moment's. Not a death that is the moment ("Man dies in crash on I-40").
_DIED = r"(?:dies|died|succumbs|succumbed)"
_DEATH_OF_THE_HURT_RE = re.compile(
    r"\b(?:shot|stabbed|injured|wounded|hurt|attacked|assaulted|burned|struck|hit|victim)\b[^;:]{0,60}?"
    r"\b" + _DIED + r"\b"
    r"|\b(?:dies|died|succumbs?|succumbed)\s+(?:of|from|to)\s+(?:\w+\s+){0,2}(?:wounds|injuries)\b"
    r"|\bdies\s+in\s+hospital\b",
    re.IGNORECASE,
)


# A headline that tells someone's death, of whatever cause: "Doranda property dealer Ravindra Sahu dies at RIMS".
_DEATH_TOLD_RE = re.compile(r"\b" + _DIED + r"\b", re.IGNORECASE)


def tells_someones_death(title: str) -> bool:
    """The headline's first clause tells a death (`_DEATH_TOLD_RE`): the incident's, when it names the incident's own
    person."""
    return _DEATH_TOLD_RE.search(_first_clause(title)) is not None


def tells_a_death_of_the_hurt(title: str) -> bool:
    """The headline's first clause tells the death of someone an earlier moment hurt (`_DEATH_OF_THE_HURT_RE`)."""
    return _DEATH_OF_THE_HURT_RE.search(_first_clause(title)) is not None


def years_named(text: str) -> set[int]:
    """Four-digit years 1900-2099 named in the text (weak evidence when no date resolves)."""
    return {int(y) for y in YEAR_RE.findall(text)}

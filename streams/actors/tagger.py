"""Actor mentions in one article: spaCy entities + registry aliases + role rules, linked within the article."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import pycountry
from spacy.tokens import Doc, Span

from streams.actors.registry import ActorRecord, ActorRegistry, alias_letters, fold, is_short, key_letters
from streams.actors.roles import (
    BARE_ROLES,
    CAPITALS,
    NEEDS_COUNTRY,
    ORG_DESCRIPTORS,
    ORG_ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_SECTORS,
    SECTOR_KINDS,
    SECTOR_NAMES,
    TITLE_HEADS,
    TITLE_WORDS,
)
from streams.credits import credit_spans
from streams.model import Actor, ActorKind, Article, FieldName, Location, MentionType
from streams.nlp import read_doc
from streams.wordclass import (
    INITIALS_RE,
    STREET_WORDS,
    is_adverb,
    is_attributive,
    is_finite_verb,
    is_hyphen,
    is_modifier,
    is_name_part,
    is_proper,
    is_street_word,
    is_verb_use,
)

FIELDS: tuple[FieldName, ...] = ("title", "body")
# Street words that are common surnames too: "Diane Lane", "Rosamund Pike" are people.
SURNAME_STREET_WORDS = frozenset({"lane", "pike"})
# Nouns of places and buildings: a "person" the recogniser ends with one, or that stands right before one, is the
# place's name ("Helen Joseph Hospital", "Abu Shok camp", "Harris County"). Fewer than the geo lexicon's settlement and
# facility heads on purpose: "Hall", "Park", "Court", "House" and "Castle" end people's names too.
PLACE_HEAD_WORDS = frozenset(
    {"camp", "market", "village", "town", "district", "county", "hospital", "clinic", "school", "station"}
    | {"settlement", "township", "estate", "mosque", "church", "airport", "stadium", "prison", "university"}
)
# Words that open only a village's name: the Philippine barangay and its parts ("Barangay Cuta", "Sitio Malipayon").
VILLAGE_WORDS = frozenset({"barangay", "brgy", "sitio", "purok"})
# Saints' names as Spanish place names write them short ("Sta. Clara", "Sto. Nino"): no person is called so.
SAINTS_WRITTEN_SHORT = frozenset({"sta", "sto"})
Places = dict[tuple[FieldName, int, int], str | None]  # (field, start, end) of a location mention -> feature class
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Curly quotes are written as escapes so that the source stays plain ASCII.
_QUOTES = frozenset({"``", "''", "`", '"', "'", "\u2018", "\u2019", "\u201c", "\u201d"})
_POSSESSIVES = frozenset({"'s", "\u2019s"})
_LEADING_DROP = frozenset({"the", "a", "an", "(", "[", "-", "--", ","}) | _QUOTES
_TRAILING_DROP = frozenset({")", "]", ",", "-", "--", ":", ";"}) | _QUOTES | _POSSESSIVES
_PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "from",
        "near",
        "to",
        "into",
        "across",
        "throughout",
        "within",
        "inside",
        "outside",
        "around",
        "toward",
        "towards",
        "through",
        "of",
        "via",
        "over",
    }
)
_PLACE_CONTEXT_BEFORE = frozenset(
    [
        "in",
        "near",
        "outside",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "rural",
        "northwestern",
        "northeastern",
        "southwestern",
        "southeastern",
    ]
)
_PLACE_CONTEXT_AFTER = frozenset(
    ["province", "governorate", "countryside", "district", "region", "city", "town", "village"]
)
# "a Dayton man", "two Idlib residents": a place naming where people are from.
_PEOPLE_NOUNS = frozenset(
    {"man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teen", "teens", "teenager", "teenagers"}
    | {"resident", "residents", "native", "natives", "couple", "family", "families", "youth", "mother", "father"}
)
_TITLE_PREFIXES = frozenset({"co", "vice", "ex", "deputy"})
_NAMED_SOURCES = frozenset({"alias", "ner", "linked", "propagated"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "di", "le", "la"})
# Head words of unknown organisation names that tell their kind ("Sons of Hama Brigade" is an armed group).
_KIND_BY_HEAD: dict[str, ActorKind] = {
    **dict.fromkeys(
        (
            "brigade",
            "brigades",
            "battalion",
            "battalions",
            "militia",
            "militias",
            "regiment",
            "legion",
            "mujahideen",
            "martyrs",
            "jihad",
            "army",
            "guerrillas",
        ),
        "armed_group",
    ),
    **dict.fromkeys(("ministry", "ministries", "parliament", "senate", "cabinet", "presidency"), "government"),
    **dict.fromkeys(("news", "television", "tv", "radio", "press", "times", "post", "herald", "gazette"), "media"),
}
_LINK_PARTICIPLES = frozenset({"linked", "affiliated", "allied", "aligned", "backed", "led", "inspired", "affiliate"})
_GROUP_NOUNS = frozenset(
    {
        "faction",
        "group",
        "militia",
        "alliance",
        "coalition",
        "rebels",
        "jihadists",
        "organisation",
        "organization",
        "fighters",
        "movement",
        "outfit",
        "insurgents",
        "militants",
        "force",
        "forces",
    }
)
# Codes spaCy often labels ORG that never name an actor: currencies (ISO 4217) and time zones.
_NOT_ORGANISATIONS = frozenset(
    {str(c.alpha_3) for c in pycountry.currencies}
    | {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST", "BST", "JST", "AEST"}
)
_CORPORATE_SUFFIXES = frozenset(
    {
        "llc",
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "plc",
        "ag",
        "sa",
        "s.a.",
        "nv",
        "n.v.",
        "gmbh",
        "lp",
        "llp",
        "se",
        "spa",
        "s.p.a.",
        "bv",
        "b.v.",
    }
)
_CORPORATE_TAILS = re.compile(r"^(?:Flight|flight)$")
# Confidence of each way a mention is found; a registry link adds RESOLVED_BONUS.
CONFIDENCE = {
    "alias": 0.9,
    "role": 0.75,
    "ner": 0.65,
    "linked": 0.7,
    "propagated": 0.6,
    "state": 0.7,
    "descriptive": 0.5,
    "nested": 0.5,
}
RESOLVED_BONUS = 0.1
PLACE_COVER = 0.6  # share of an unknown name's characters a place must cover for the name to be that place
HEADLINE_CASE_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a mention denotes: shared by every mention of one actor in the article."""

    name: str
    kind: ActorKind
    country: str | None
    code: str | None
    record: ActorRecord | None

    @staticmethod
    def of(record: ActorRecord) -> Identity:
        return Identity(record.name, record.kind, record.country, record.code, record)


@dataclass(frozen=True, slots=True)
class Mention:
    """One candidate actor span, in token and character offsets of one field."""

    field: FieldName
    tok_start: int
    tok_end: int
    start: int
    end: int
    identity: Identity
    source: str  # alias | role | ner | linked | propagated | state | descriptive | nested:<rule>
    label: str = ""  # the spaCy label the candidate came from, if any
    surface: str = ""  # the mention's own text

    @property
    def length(self) -> int:
        return self.tok_end - self.tok_start


class ActorTagger:
    """Tags actor mentions; `nested=True` also emits the titled and descriptive noun phrases around names."""

    def __init__(self, registry: ActorRegistry, *, nested: bool = True) -> None:
        self.registry = registry
        self.nested = nested
        self._first_words = _first_words(registry)
        self._max_alias_chars = max((len(n) for r in registry.records.values() for n in r.names()), default=0)
        # `fold` drops a leading article, so a span's letters may be those of an alias key with one before them.
        alias_forms = {article + key_letters(key) for key in registry.index for article in ("", "the", "a", "an")}
        self._alias_letter_forms = frozenset(alias_forms)
        self._alias_letter_prefixes = frozenset(form[:n] for form in alias_forms for n in range(len(form) + 1))

    def tag(self, article: Article, docs: Mapping[FieldName, Doc], locations: Sequence[Location]) -> list[Actor]:
        """Every actor mention of the article's title and body, in text order; unknown actors have resolved=False."""
        main_country = self._main_country(docs, locations)
        place_spans: Places = {(loc["field"], loc["start"], loc["end"]): loc.get("feature_class") for loc in locations}
        # A doc has text exactly when it has a token; `Doc.text` would build a Token per word to say so.
        fields = [(name, doc) for name in FIELDS if (doc := docs.get(name)) is not None and len(doc)]
        headline_fields = frozenset(name for name, doc in fields if _headline_case(doc))
        mentions: list[Mention] = []
        for name, doc in fields:
            mentions.extend(self._candidates(name, doc, main_country, place_spans, name in headline_fields))
        credits = credit_spans(article.body)
        mentions = _outside_credits(mentions, credits)
        # One-word unknown "people" the article writes as a road or a place elsewhere: "Schuylkill" beside "the
        # Schuylkill Expressway", "Rugu" beside "residents of Rugu". Read from the text, not from a resolved place's
        # name: the places' own mistakes would take real people ("Jackman").
        not_people = _street_name_words((article.title, article.body)) | _place_words(
            (article.title, article.body), mentions
        )
        given = _given_names(mentions)
        mentions = [
            m
            for m in mentions
            if not _one_word_unknown_person(m, not_people) and not (m.identity.kind == "state" and m.surface in given)
        ]
        mentions = _link_within_article(mentions, self._is_place_word)
        for name, doc in fields:
            mentions.extend(_propagate(name, doc, mentions, place_spans, self._is_place_word))
        mentions.extend(_descriptive(mentions, docs))
        if self.nested:
            for name, doc in fields:
                mentions.extend(self._nested(name, doc, [m for m in mentions if m.field == name]))
        mentions = _outside_credits(mentions, credits)  # nor a name propagated into them
        return [_to_actor(m, article, mention_type(m, m.field in headline_fields)) for m in _dedupe(mentions)]

    # -- candidates -----------------------------------------------------------------------------------------------

    def _candidates(
        self, field: FieldName, doc: Doc, main_country: str | None, place_spans: Places, headline_case: bool
    ) -> list[Mention]:
        ner = [
            m
            for ent in read_doc(doc).ents
            if ent.label_ in ACTOR_LABELS
            for m in self._from_entity(field, doc, ent, main_country)
        ]
        aliases = self._alias_matches(field, doc, main_country)
        roles = self._role_phrases(field, doc, main_country)
        chosen: list[Mention] = []
        # Longest first; on equal length a registry alias beats a role phrase, which beats a bare entity.
        order = {"alias": 0, "role": 1, "state": 2, "ner": 3}
        for cand in sorted([*aliases, *roles, *ner], key=lambda m: (-m.length, order.get(m.source, 9), m.tok_start)):
            if any(_overlaps(cand, c) for c in chosen):
                continue
            if cand.source == "ner" and cand.identity.record is None and _is_place(doc, cand, place_spans):
                continue  # the location tagger resolved this span to a place
            chosen.append(cand)
        if field == "title" and headline_case:
            # In A Headline Written Like This spaCy takes capitalised words for names: keep only registry links.
            chosen = [m for m in chosen if m.source != "ner"]
        return [m for m in chosen if m.identity.kind != "state" or self._is_agent(doc, m)]

    def _from_entity(self, field: FieldName, doc: Doc, ent: Span, main_country: str | None) -> list[Mention]:
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            return []
        span = doc[start:end]
        text = span.text
        record = self._resolve_text(text, main_country)
        if record is not None:
            return [_mention(field, span, Identity.of(record), "alias", ent.label_)]
        alpha3 = self.registry.country_of_name(text) or CAPITALS.get(text)
        if alpha3 and ent.label_ in {"GPE", "ORG", "PERSON"}:
            state = self.registry.state(alpha3)
            return [_mention(field, span, Identity.of(state), "state", ent.label_)] if state else []
        if ent.label_ == "PERSON":
            if not any(t.is_alpha and t.text[0].isupper() for t in span) or (len(span) == 1 and text.isupper()):
                return []  # no capitalised word, or an all-capitals token ("GB"): not a person's name
            if len(span) > 1 and is_street_word(span[-1].lower_) and span[-1].lower_ not in SURNAME_STREET_WORDS:
                return []  # a street named after someone ("Spencer Highway"), not the person
            if _before_a_street_word(doc, end):
                return []  # the recogniser stopped before the street word: "Schuylkill" of "Schuylkill Expressway"
            if span[-1].lower_ in PLACE_HEAD_WORDS or (end < len(doc) and doc[end].lower_ in PLACE_HEAD_WORDS):
                return []  # a place named after someone, or so: "Helen Joseph Hospital", "Abu Shok camp"
            if _names_a_village(doc, start):
                return []  # "Barangay Cuta", "Barangay Sta. Clara": Philippine villages, not people
            if field == "body" and _before_an_office_head(doc, end):
                return []  # an office cut before its head word: "District Fire" of "District Fire Officer Mini Joseph"
            if end - start <= 2 and start > 0 and _ends_with_initials(span.text) and _given_name_left_out(doc, start):
                # South Indian names end with initials, which the recogniser takes for the name's start: "Kumar B."
                # of "Yogesh Kumar B. (29)".
                start -= 1
            # A rank or title the recogniser ran into the name ("Sergeant Tom Reyes"): the name is what follows.
            while end - start > 1 and doc[start].lower_ in TITLE_WORDS and doc[start + 1].text[:1].isupper():
                start += 1
            span = doc[start:end]
            return [_mention(field, span, Identity(span.text, "person", None, None, None), "ner", ent.label_)]
        if ent.label_ == "ORG":
            # "iPod Touch", "iTunes Store": the small model's ORGs that open in lower case are products.
            if not _opens_like_a_name(text) or text in _NOT_ORGANISATIONS or _names_a_village(doc, start):
                return []
            kind: ActorKind = next(
                (_KIND_BY_HEAD[t.lower_] for t in reversed(span) if t.lower_ in _KIND_BY_HEAD), "organization"
            )
            if (
                kind == "organization"
                and len(span) > 1
                and all(t.is_alpha and t.text[:1].isupper() for t in span)
                and _age_in_apposition(doc, end) is not None
            ):
                # An age is given to people, as crime news does ("identified the man as Darnell Hughes, 27, of
                # Kansas City"), whatever the recogniser's label.
                kind = "person"
            return [_mention(field, span, Identity(text, kind, None, None, None), "ner", ent.label_)]
        return []  # NORP and other GPEs count only through role phrases and the registry

    def _is_place_word(self, text: str) -> bool:
        """A country name or nationality: never taken as a person's surname or a short form of a name."""
        return bool(self.registry.country_of_name(text) or self.registry.country_of_adjective(text))

    def _resolve_text(self, text: str, main_country: str | None) -> ActorRecord | None:
        """The one record `text` names: by an unambiguous alias, or by an ambiguous one of the article's country."""
        records = self.registry.lookup(text)
        unambiguous = [r for r in records if not self.registry.is_ambiguous(r, text)]
        if unambiguous:
            return unambiguous[0] if len(unambiguous) == 1 else None
        local = [r for r in records if main_country is not None and r.country == main_country]
        return local[0] if len(local) == 1 else None

    def _alias_matches(self, field: FieldName, doc: Doc, main_country: str | None) -> list[Mention]:
        found: list[Mention] = []
        n = len(doc)
        reading = read_doc(doc)
        for i, (first_text, first_lower) in enumerate(zip(reading.text, reading.lower, strict=True)):
            if first_lower in _LEADING_DROP or _first_word(first_text) not in self._first_words:
                continue
            start_char = doc[i].idx
            best: tuple[int, ActorRecord] | None = None
            letters = ""
            for j in range(i + 1, n + 1):
                last = doc[j - 1]
                if last.idx + len(last) - start_char > self._max_alias_chars:
                    break
                # A span has an alias key only if it has that key's letters, its tokens' letters joined: letters
                # that begin no key end the search, and only spans with a key's letters get their text folded.
                letters += alias_letters(last.text)
                if letters not in self._alias_letter_prefixes:
                    break
                if letters not in self._alias_letter_forms:
                    continue
                if last.is_space or (last.is_punct and j - 1 > i) or last.text in _TRAILING_DROP:
                    continue
                text = doc[i:j].text
                record = self._resolve_text(text, main_country)
                if record is not None and _aligned_case(text, record):
                    best = (j, record)
            if best is not None:
                found.append(_mention(field, doc[i : best[0]], Identity.of(best[1]), "alias"))
        return found

    def _role_phrases(self, field: FieldName, doc: Doc, main_country: str | None) -> list[Mention]:
        found: list[Mention] = []
        lower = read_doc(doc).lower
        for k in range(len(doc)):
            head, head_end = _role_head(lower, k)
            if head is None or is_verb_use(doc, k) or is_attributive(doc, k, head_end):
                continue
            if head_end < len(doc) and doc[head_end].text == "-":
                continue  # "rebel-held", "government-controlled": a modifier of something else
            sector = ROLE_SECTORS[head]
            start = k
            country: str | None = None
            modified = False
            while start > 0:
                prev = doc[start - 1]
                low = prev.lower_
                if low in ROLE_MODIFIERS or (low in ROLE_SECTORS and ROLE_SECTORS[low] == "MIL" and low != head):
                    override = ROLE_MODIFIERS.get(low)
                    if override is not None and sector in {"GOV", "MIL", "REB", "UAF"}:
                        sector = override
                    modified = True
                    start -= 1
                    continue
                if is_hyphen(doc, start - 1) and start >= 2 and doc[start - 2].lower_ in {"pro", "anti"}:
                    start -= 2
                    continue
                break
            # A nationality ("Syrian"), a country ("US"), or a possessive country/leader ("Turkey's", "Assad's").
            if start > 0:
                prev = doc[start - 1]
                alpha3 = self.registry.country_of_adjective(prev.text) if prev.text[:1].isupper() else None
                if alpha3 is None and is_proper(prev):
                    alpha3 = self.registry.country_of_name(prev.text)
                if alpha3 is not None:
                    country, start = alpha3, start - 1
                elif prev.text in _POSSESSIVES and start >= 2:
                    owner_start = _proper_run_start(doc, start - 1)
                    owner = doc[owner_start : start - 1].text
                    alpha3 = self.registry.country_of_name(owner)
                    if alpha3 is None:
                        owner_record = self._resolve_text(owner, main_country)
                        alpha3 = owner_record.country if owner_record is not None else None
                    if alpha3 is not None and owner_start < start - 1:
                        # The owner gives the country; the span stays the owned name ("Turkey's National Defence
                        # Ministry" -> "National Defence Ministry"): the owner is a mention of its own.
                        country = alpha3
            if country is None:
                if head in NEEDS_COUNTRY and not (modified and sector in {"MIL", "COP", "GOV"}):
                    continue
                if head in BARE_ROLES or modified:
                    country = main_country
                if country is None:
                    continue
                if head not in BARE_ROLES and not modified:
                    continue
            code = f"{country}{sector}"
            record = self.registry.primary(code)
            kind: ActorKind = SECTOR_KINDS.get(sector, "other")
            if record is not None:
                identity = Identity.of(record)
            else:
                # One name per country-sector, so that "Chadian troops" and "Chadian soldiers" read as one actor.
                state = self.registry.state(country)
                place = state.name if state is not None else country
                identity = Identity(f"{place} {SECTOR_NAMES.get(sector, sector.lower())}", kind, country, code, None)
            found.append(_mention(field, doc[start:head_end], identity, "role"))
        return found

    def _is_agent(self, doc: Doc, mention: Mention) -> bool:
        """A country or capital acts ("Russia bombed", "bombed by Russia"), as opposed to a place ("in Turkey")."""
        before = doc[mention.tok_start - 1] if mention.tok_start > 0 else None
        if before is not None and before.lower_ == "the" and mention.tok_start > 1:
            before = doc[mention.tok_start - 2]
        if before is not None and before.lower_ in _PLACE_PREPOSITIONS:
            return False
        if before is not None and before.lower_ == "by":
            return True
        k = mention.tok_end
        while k < len(doc) and (doc[k].text == "," or is_adverb(doc[k])):
            k += 1
        if k < len(doc) and is_finite_verb(doc, k):
            return True
        return k + 1 < len(doc) and doc[k].lower_ in {"has", "have", "had"}

    def _main_country(self, docs: Mapping[FieldName, Doc], locations: Sequence[Location]) -> str | None:
        """The country the article is about: its places first, else its most named country or nationality."""
        counts: Counter[str] = Counter()
        for loc in locations:
            code = loc.get("country_code")
            if code:
                country = pycountry.countries.get(alpha_2=code)
                if country is not None:
                    counts[str(country.alpha_3)] += 2 if loc["field"] == "title" else 1
        if not counts:
            for doc in docs.values():
                for text in read_doc(doc).text:
                    if text[:1].isupper():
                        alpha3 = self.registry.country_of_adjective(text) or self.registry.country_of_name(text)
                        if alpha3:
                            counts[alpha3] += 1
        return counts.most_common(1)[0][0] if counts else None

    # -- nested noun phrases --------------------------------------------------------------------------------------

    def _nested(self, field: FieldName, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Titled and described mentions around names ("Apple CEO Steve Jobs", "US automaker GM", "GM and Ford")."""
        found: list[Mention] = []
        by_start = {m.tok_start: m for m in mentions}
        by_end = {m.tok_end: m for m in mentions}
        for m in mentions:
            if m.identity.kind == "person":
                found.extend(_titled_person(field, doc, m, by_end))
            elif m.identity.kind not in {"state"}:
                found.extend(_described_org(field, doc, m, by_end))
                found.extend(_org_role(field, doc, m, by_start))
                other = by_start.get(m.tok_end + 1)
                if (
                    m.tok_end < len(doc)
                    and doc[m.tok_end].lower_ == "and"
                    and other is not None
                    and other.identity.kind not in {"person", "state"}
                    and {m.source, other.source} <= _NAMED_SOURCES
                ):
                    identity = Identity(doc[m.tok_start : other.tok_end].text, "organization", None, None, None)
                    found.append(_mention(field, doc[m.tok_start : other.tok_end], identity, "nested:coord"))
        for k, lower in enumerate(read_doc(doc).lower):
            # "Japan's prime minister", "CEO of GM": a role tied to a country or organisation, without a name.
            if lower in TITLE_HEADS and lower not in {"mr", "mr.", "mrs", "mrs.", "ms", "ms."}:
                found.extend(_role_of(field, doc, k, by_start, by_end, registry=self.registry))
        # A phrase opening with a common noun ("aircraft maker Boeing", "head of USAF") is a description, not a name:
        # no annotation style of the news corpora measured marks it (MEANTIME: 0 of 75 matched a gold span).
        return [m for m in found if _opens_like_a_name(doc[m.tok_start].text)]


# -- helpers ----------------------------------------------------------------------------------------------------------


def _outside_credits(mentions: list[Mention], credits: Sequence[tuple[int, int]]) -> list[Mention]:
    """The mentions outside the body's credits: a wire report's reporters and editors are none of its actors."""
    if not credits:
        return mentions
    return [m for m in mentions if m.field != "body" or not any(a <= m.start < b for a, b in credits)]


def _names_a_village(doc: Doc, start: int) -> bool:
    """Whether a "person" opens with a word only a village's name takes ("Barangay Cuta"), or is a saint's name a
    village takes, written short ("Sta" of "Barangay Sta. Clara", which the recogniser splits at its dot), or the
    name after one ("Clara")."""
    if doc[start].lower_ in VILLAGE_WORDS or doc[start].lower_.rstrip(".") in SAINTS_WRITTEN_SHORT:
        return True
    after_a_dot = start >= 2 and doc[start - 1].text == "." and doc[start - 2].lower_ in SAINTS_WRITTEN_SHORT
    after_a_word_with_its_dot = (
        start >= 1 and doc[start - 1].text.endswith(".") and doc[start - 1].lower_.rstrip(".") in SAINTS_WRITTEN_SHORT
    )
    return after_a_dot or after_a_word_with_its_dot


def _before_a_street_word(doc: Doc, k: int) -> bool:
    """Whether token k is a capitalised street word ("Expressway", "Road"): what comes before it names the street."""
    return k < len(doc) and doc[k].text[:1].isupper() and is_street_word(doc[k].lower_)


def _street_name_words(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words the article writes before a capitalised street word ("Schuylkill" of "the Schuylkill
    Expressway", "Garrett" of "Garrett Road")."""
    return frozenset(match.group(1) for text in texts for match in _STREET_NAME_RE.finditer(text))


def _place_words(texts: Iterable[str], mentions: Iterable[Mention]) -> frozenset[str]:
    """Capitalised words the article writes where only a place stands ("shot dead in Umoja", "residents of Kayole"),
    but the words of its people named in full: the recogniser's "Umoja" elsewhere is that estate, not a person."""
    named = {word for m in mentions if m.identity.kind == "person" and " " in m.surface for word in m.surface.split()}
    placed = {match.group(1) for text in texts for match in _PLACE_WORD_RE.finditer(text)}
    return frozenset(placed - named)


# A place preposition, then one capitalised word that no capitalised word or possessive follows: "in Umoja,".
_PLACE_WORD_RE = re.compile(r"\b(?i:in|near|residents of|estate of)\s+([A-Z][a-z]+)\b(?![\w'\u2019-]|\s+[A-Z])")


# A capitalised word, then a capitalised street word ("Garrett Road", "Market St."): one scan of the text.
_STREET_NAME_RE = re.compile(
    r"\b([A-Z][\w'\u2019-]*)\s+(?:"
    + "|".join(sorted(w.capitalize() for w in STREET_WORDS - SURNAME_STREET_WORDS))
    + r")\b"
)


def _given_names(mentions: Iterable[Mention]) -> frozenset[str]:
    """First words of the article's people named in full: "Jordan" of "Jordan Mahoney" is him, not the state, when
    a quote says "Jordan deserves justice"."""
    return frozenset(
        words[0]
        for m in mentions
        if m.identity.kind == "person" and len(words := m.surface.split()) > 1 and words[0][:1].isupper()
    )


def _one_word_unknown_person(m: Mention, names: AbstractSet[str]) -> bool:
    """A one-word unknown person whose word is among `names`."""
    return m.identity.kind == "person" and m.identity.record is None and " " not in m.surface and m.surface in names


def _age_in_apposition(doc: Doc, k: int) -> int | None:
    """The index of the age that follows a name ending before token k ("Jobs, 55," / "Jobs, aged 55,"), or None."""
    if k + 2 >= len(doc) or doc[k].text != ",":
        return None
    j = k + 1 + (doc[k + 1].lower_ == "aged")
    # isdecimal, not isdigit: int() refuses a superscript ("²"), which isdigit accepts.
    if j + 1 < len(doc) and doc[j].text.isdecimal() and 0 < int(doc[j].text) <= 120 and doc[j + 1].text == ",":
        return j
    return None


def _opens_like_a_name(text: str) -> bool:
    """Names open with a capital or a digit ("Boeing", "3M"); descriptions and brand-style products do not."""
    return text[:1].isupper() or text[:1].isdigit()


def _is_place(doc: Doc, mention: Mention, places: Places) -> bool:
    """Whether an unknown name is really a place the location tagger found ("Khan Sheikhoun" read as a PERSON).

    spaCy's PERSON errors on foreign place names are common, so a place covering most of a PERSON span wins. Its ORG
    label is usually right where a company shares a town's name ("Toyota", "Ford"): there the place wins only when it
    is a country or region (feature class A, "Idlib") or the name opens a dateline ("BEIRUT (Reuters) -").
    """
    start, end = mention.start, mention.end
    for (place_field, place_start, place_end), feature_class in places.items():
        if place_field != mention.field or place_end <= start or end <= place_start:
            continue
        covered = min(end, place_end) - max(start, place_start)
        if mention.label == "PERSON" and covered >= PLACE_COVER * (end - start):
            return True
        if (
            place_start <= start
            and end <= place_end
            and (feature_class == "A" or _opens_dateline(doc, mention) or _reads_as_place(doc, mention))
        ):
            return True
    return False


def _reads_as_place(doc: Doc, mention: Mention) -> bool:
    """Context that only a place has: "in Hama", "northern Hama", "Hama province"."""
    before = doc[mention.tok_start - 1].lower_ if mention.tok_start > 0 else ""
    after = doc[mention.tok_end].lower_ if mention.tok_end < len(doc) else ""
    if before == "of" and mention.tok_start > 1:
        # "the countryside of Hama", "north of Hama", "the outskirts of Hama"; "Jamal Carter, 29, of Dayton"
        governor = doc[mention.tok_start - 2]
        return (
            governor.lower_ in _PLACE_CONTEXT_AFTER
            or governor.lower_ in {"outskirts", "north", "south", "east", "west"}
            or (governor.is_punct and mention.tok_start > 2 and doc[mention.tok_start - 3].like_num)
        )
    return before in _PLACE_CONTEXT_BEFORE or after in _PLACE_CONTEXT_AFTER or after in _PEOPLE_NOUNS


def _opens_dateline(doc: Doc, mention: Mention) -> bool:
    """A name at the start of a line followed by "(" or "-" / "," : "BEIRUT (Reuters) -", "IDLIB, Syria -"."""
    at_line_start = mention.tok_start == 0 or "\n" in doc[mention.tok_start - 1].text_with_ws
    follows = doc[mention.tok_end].text if mention.tok_end < len(doc) else ""
    return at_line_start and follows in {"(", "-", "--", ",", "\u2014", "\u2013"}


def _headline_case(doc: Doc) -> bool:
    """A title in which most words are capitalised ("Syrian Army Takes Key Town")."""
    words = [t for t in read_doc(doc).text if t.isalpha() and len(t) > 3]
    return len(words) >= 3 and sum(t[0].isupper() for t in words) >= HEADLINE_CASE_SHARE * len(words)


_WORD_SEPARATORS = re.compile(r"[\s\-']+")


@functools.lru_cache(maxsize=1 << 15)  # called on every token text of the feed, so bounded (~4 MB when full)
def _first_word(text: str) -> str:
    return fold(_WORD_SEPARATORS.split(text.strip())[0]) if text.strip() else ""


def _first_words(registry: ActorRegistry) -> frozenset[str]:
    words = {_first_word(name) for record in registry.records.values() for name in record.names()}
    return frozenset(w for w in words if w)


def _aligned_case(text: str, record: ActorRecord) -> bool:
    """Short aliases were matched case-sensitively already; longer ones must not be plain lower-case prose."""
    if is_short(text):
        return True
    if any(c.isupper() for c in text):
        return True
    return any(fold(n) == fold(text) and not any(c.isupper() for c in n) for n in record.names())


def _mention(field: FieldName, span: Span, identity: Identity, source: str, label: str = "") -> Mention:
    return Mention(field, span.start, span.end, span.start_char, span.end_char, identity, source, label, span.text)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.field == b.field and a.tok_start < b.tok_end and b.tok_start < a.tok_end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Entity boundaries as news NER corpora draw them: no article, quotes, possessive, flight number or age."""
    # The doc's reading, not its Tokens: spaCy's is_space and is_digit are str.isspace and str.isdigit of the text.
    reading = read_doc(doc)
    words, lower = reading.text, reading.lower
    while start < end and (lower[start] in _LEADING_DROP or words[start].isspace()):
        start += 1
    for k in range(start + 1, end):
        # "Jamal Carter, 29": the age in apposition is not part of the name.
        if _CORPORATE_TAILS.match(words[k]) or (words[k] == "," and k + 1 < end and words[k + 1].isdigit()):
            end = k
            break
    while end > start and (words[end - 1] in _TRAILING_DROP or words[end - 1].isspace()):
        end -= 1
    return start, end


# Role nouns and the first words of two-word ones: rules out most tokens before a pair of words is built.
_ROLE_STARTS = frozenset(ROLE_SECTORS) | {role.split(" ")[0] for role in ROLE_SECTORS}


def _role_head(lower: Sequence[str], k: int) -> tuple[str | None, int]:
    """The role noun at token k of a doc's lower-case words (two-word ones like "security forces" first), and where
    it ends."""
    word = lower[k]
    if word not in _ROLE_STARTS:
        return None, k
    if k + 1 < len(lower):
        pair = f"{word} {lower[k + 1]}"
        if pair in ROLE_SECTORS:
            return pair, k + 2
    return (word, k + 1) if word in ROLE_SECTORS else (None, k)


def _proper_run_start(doc: Doc, end: int) -> int:
    """Start of the run of proper-noun tokens that ends at `end` ("Bashar al - Assad" before "'s")."""
    start = end
    while start > 0 and is_name_part(doc, start - 1):
        start -= 1
    return start


def _link_within_article(mentions: list[Mention], reserved: Callable[[str], bool]) -> list[Mention]:
    """Give short forms (surnames, acronyms) and unresolved repeats the identity of the full name met before."""
    forms: dict[str, Identity] = {}
    ordered = sorted(mentions, key=lambda m: (FIELDS.index(m.field) == 0, m.field, m.start))
    # Full names first so that a surname in the title still links to the name given in the body.
    for m in sorted(ordered, key=lambda m: -m.length):
        _register_forms(m, forms, reserved)
    # How spaCy labels each surface text across the article: "Ford" read as ORG again and again is the company. Twice
    # is not enough: the small model labels a surname ORG two times in a court report ("MacDougall, wearing an orange
    # jumpsuit, spoke only to confirm his name") after naming "Cody Roger MacDougall" a person.
    votes: Counter[tuple[str, str]] = Counter((m.surface, m.label) for m in mentions if m.source == "ner")
    linked: list[Mention] = []
    for mention in mentions:
        known = forms.get(_mention_text(mention)) if mention.identity.record is None else None
        if (
            known is None
            or mention.source not in {"ner", "propagated"}
            or (known.name == mention.identity.name and known.record is None)
        ):
            linked.append(mention)
            continue
        text = _mention_text(mention)
        if (
            known.kind == "person"
            and mention.identity.kind != "person"
            and votes[(text, "ORG")] > max(2, votes[(text, "PERSON")])
            # A given name the recogniser keeps calling an organisation is still the person's ("Yogesh had been
            # operating an autorickshaw"): no company goes by one.
            and not _ends_with_initials(known.name)
        ):
            linked.append(mention)
            continue
        linked.append(replace(mention, identity=known, source="linked"))
    return linked


def _ends_with_initials(name: str) -> bool:
    """A person's name ending with initials after a word of the name ("Kumar B.", "Kavitha B.N.")."""
    words = name.split()
    return len(words) > 1 and bool(INITIALS_RE.match(words[-1])) and not INITIALS_RE.match(words[-2])


def _given_name_left_out(doc: Doc, start: int) -> bool:
    """The word before a person's span is a capitalised name word of no title: "Yogesh" before "Kumar B."."""
    before = doc[start - 1]
    return before.is_alpha and is_proper(before) and before.lower_ not in TITLE_WORDS and not before.is_upper


def _mention_text(m: Mention) -> str:
    return m.identity.name if m.source == "ner" and m.identity.record is None else ""


def _register_forms(m: Mention, forms: dict[str, Identity], reserved: Callable[[str], bool]) -> None:
    identity = m.identity
    if identity.kind == "state" or m.source == "role":
        return
    words = identity.name.split()
    if identity.kind == "person":
        for full in dict.fromkeys((identity.name, m.surface)):
            for surname in _surnames(full):
                if not reserved(surname):
                    forms.setdefault(surname, identity)
    if identity.kind != "person" and len(words) > 1:
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if len(initials) >= 2:
            forms.setdefault(initials, identity)
    if identity.record is not None:
        # Ambiguous aliases too: the article already names this record, which is the context they need.
        for alias in identity.record.names():
            forms.setdefault(alias, identity)
    forms.setdefault(identity.name, identity)


def _surnames(full_name: str) -> list[str]:
    """Short forms a full name is later cited by: "Bashar Al Assad" -> ["Assad", "Al Assad"]; a name that ends with
    initials by its given name, as South Indian news cites it ("Yogesh Kumar B." -> "Yogesh", "Yogesh Kumar")."""
    words = full_name.split()
    if len(words) < 2:
        return []
    if _ends_with_initials(full_name):
        named = [w for w in words if not INITIALS_RE.match(w)]
        return list(dict.fromkeys(w for w in (named[0] if named else "", " ".join(named)) if w[:1].isupper()))
    last = words[-1]
    if last.lower().rstrip(".") in {"jr", "sr", "ii", "iii", "iv"} and len(words) > 2:
        words = words[:-1]
        last = words[-1]
    forms: list[str] = []
    if last[:1].isupper():
        forms.append(last)
    parts = re.split(r"(?<=^[Aa]l)-|(?<=^[Ee]l)-", last, maxsplit=1)
    if len(parts) == 2 and parts[1][:1].isupper():
        forms.append(parts[1])  # "al-Assad" -> "Assad"
    if len(words) > 2 and (words[-2][:1].isupper() or words[-2].lower() in _NAME_PARTICLES):
        forms.append(" ".join(words[-2:]))
    return forms


def _propagate(
    field: FieldName,
    doc: Doc,
    mentions: list[Mention],
    place_spans: Places,
    reserved: Callable[[str], bool],
) -> list[Mention]:
    """Later bare repeats of a name already found ("Cisco", "Jobs", "USAF") that spaCy did not label."""
    forms: dict[str, Identity] = {}
    for m in sorted(mentions, key=lambda m: -m.length):
        if m.source in {"role", "state"} or m.identity.kind == "state":
            continue
        _register_forms(m, forms, reserved)
        text = doc[m.tok_start : m.tok_end].text if m.field == field else None
        if text:
            forms.setdefault(text, m.identity)
    # A surname spaCy reads as an organisation repeatedly and more often than as a person ("Ford") is not propagated.
    votes: Counter[tuple[str, str]] = Counter((m.surface, m.label) for m in mentions if m.source == "ner")
    for form in [f for f, who in forms.items() if who.kind == "person"]:
        if votes[(form, "ORG")] > max(1, votes[(form, "PERSON")]):
            del forms[form]
    taken = [(m.tok_start, m.tok_end) for m in mentions if m.field == field]
    reading = read_doc(doc)
    ent_tokens = {k for ent in reading.ents if ent.label_ not in ACTOR_LABELS for k in range(ent.start, ent.end)}
    by_first: dict[str, list[str]] = {}
    for form in forms:
        if form[:1].isupper() and len(form) > 1 and not reserved(form):
            by_first.setdefault(form.split()[0], []).append(form)
    found: list[Mention] = []
    k, size = 0, len(reading.text)
    while k < size:
        candidates = by_first.get(reading.text[k])
        matched = False
        if candidates and not any(s <= k < e for s, e in taken) and k not in ent_tokens:
            for form in sorted(candidates, key=len, reverse=True):
                n_words = len(form.split())
                # The shortest run of tokens from k whose text is the form or at least as long.
                j, span_text = k, ""
                while j < size and span_text != form and len(span_text) < len(form):
                    span_text = reading.span_text(k, j + 1)
                    j += 1
                if j <= k or span_text != form or any(s < j and k < e for s, e in taken):
                    continue
                if n_words == 1 and not is_proper(doc[k]):
                    continue
                if _before_a_street_word(doc, j):
                    continue  # "Garrett" of "Garrett Road" is the road, whoever Mark Garrett is
                span = doc[k:j]
                who = forms[form]
                # An unknown person is judged as spaCy's PERSON label is: a place covering it wins.
                label = "PERSON" if who.kind == "person" and who.record is None else ""
                if _is_place(doc, replace(_mention(field, span, who, "propagated"), label=label), place_spans):
                    continue
                found.append(_mention(field, span, forms[form], "propagated"))
                taken.append((k, j))
                k, matched = j, True
                break
        if not matched:
            k += 1
    return found


def _title_run_left(doc: Doc, end: int, stop: int = 0) -> int:
    """Start of the run of title words that ends at `end` ("Executive Vice President"), or `end` if none."""
    start = end
    while start > stop and (_is_title_token(doc, start - 1) or doc[start - 1].lower_ == "and"):
        start -= 1
    while start < end and (doc[start].lower_ == "and" or doc[start].text == "-"):
        start += 1
    if not any(doc[k].lower_ in TITLE_HEADS for k in range(start, end)):
        return end
    return start


def _before_an_office_head(doc: Doc, end: int) -> bool:
    """The span ends before a capitalised title head that a capitalised word follows ("... Officer Mini Joseph"): in
    running text a person's name is not followed by a title of its own without a comma."""
    return (
        end + 1 < len(doc)
        and doc[end].lower_ in TITLE_HEADS
        and doc[end].text[:1].isupper()
        and doc[end + 1].text[:1].isupper()
    )


def _is_title_token(doc: Doc, k: int) -> bool:
    """A title word, including the pieces spaCy splits hyphenated titles into ("co - founder", "vice - president")."""
    low = doc[k].lower_
    if low in TITLE_WORDS:
        return True
    if doc[k].text == "-" and 0 < k < len(doc) - 1:
        return doc[k - 1].lower_ in _TITLE_PREFIXES and doc[k + 1].lower_ in TITLE_WORDS
    return low in _TITLE_PREFIXES and k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ in TITLE_WORDS


def _modifier_left(doc: Doc, start: int, by_end: Mapping[int, Mention]) -> int:
    """Start of an organisation, country or nationality that qualifies a title ("Apple", "Australian", "Japan's")."""
    if start == 0:
        return start
    owner = by_end.get(start)
    if owner is not None and owner.identity.kind != "person":
        return owner.tok_start
    prev = doc[start - 1]
    if prev.text in _POSSESSIVES and start >= 2:
        owner = by_end.get(start - 1)
        if owner is not None and owner.identity.kind != "person":
            return owner.tok_start
        if doc[start - 2].ent_type_ in {"GPE", "ORG", "NORP"}:
            k = start - 2
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            return k
    if prev.ent_type_ in {"NORP", "GPE", "ORG"}:
        k = start - 1
        while k > 0 and doc[k - 1].ent_type_ == prev.ent_type_ and doc[k - 1].ent_iob_ != "O":
            if doc[k].ent_iob_ == "B":
                break
            k -= 1
        return k
    return start


def _titled_person(field: FieldName, doc: Doc, m: Mention, by_end: Mapping[int, Mention]) -> list[Mention]:
    found: list[Mention] = []
    end = m.tok_start
    comma = end > 0 and doc[end - 1].text == ","
    title_start = _title_run_left(doc, end - 1 if comma else end)
    if title_start < (end - 1 if comma else end):
        outer = _modifier_left(doc, title_start, by_end)
        role_end = end - 1 if comma else end
        found.append(_mention(field, doc[outer : m.tok_end], m.identity, "nested:titled"))
        if outer < title_start or role_end - title_start >= 2:
            role = Identity(doc[outer:role_end].text, "person", m.identity.country, m.identity.code, None)
            found.append(_mention(field, doc[outer:role_end], role, "nested:title"))
    k = m.tok_end
    age = _age_in_apposition(doc, k)
    if age is not None:
        found.append(_mention(field, doc[m.tok_start : age + 1], m.identity, "nested:age"))
    # Apposition after the name: "Stephen Harper, Prime Minister of Canada", "Louis Gallois, the Airbus chief".
    if k + 1 < len(doc) and doc[k].text == ",":
        j = k + 1
        if doc[j].lower_ == "the":
            j += 1
        owner_end = j
        while owner_end < len(doc) and doc[owner_end].ent_type_ in {"ORG", "NORP", "GPE"}:
            owner_end += 1
        t = owner_end
        while t < len(doc) and doc[t].lower_ in TITLE_WORDS:
            t += 1
        if t > owner_end and any(doc[x].lower_ in TITLE_HEADS for x in range(owner_end, t)):
            role_start = j
            role_end = t
            if t + 1 < len(doc) and doc[t].lower_ == "of" and doc[t + 1].ent_type_ in {"ORG", "GPE"}:
                role_end = t + 2  # the first token of the entity after "of", then the rest of it
                while role_end < len(doc) and doc[role_end].ent_iob_ == "I":
                    role_end += 1
                role = Identity(doc[role_start:role_end].text, "person", m.identity.country, m.identity.code, None)
                found.append(_mention(field, doc[role_start:role_end], role, "nested:approle"))
            found.append(_mention(field, doc[m.tok_start : role_end], m.identity, "nested:appos"))
    return found


def _described_org(field: FieldName, doc: Doc, m: Mention, by_end: Mapping[int, Mention]) -> list[Mention]:
    """ "German airline Lufthansa" / "Irish low cost airline, Ryanair": descriptor and descriptor + name."""
    end = m.tok_start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    if end == 0 or doc[end - 1].lower_ not in ORG_DESCRIPTORS:
        return []
    start = end - 1
    while start > 0 and is_modifier(doc[start - 1]) and (doc[start - 1].is_lower or doc[start - 1].is_sent_start):
        start -= 1
    start = _modifier_left(doc, start, by_end)
    if start > 0 and is_proper(doc[start - 1]) and start == end - 1:
        start -= 1  # "European airframer", "United States automobile company": a capitalised qualifier
    outer = _mention(field, doc[start : m.tok_end], m.identity, "nested:described")
    if end - start < 2 and not doc[start].is_sent_start:
        return [outer]  # a bare "rival" is no name; "German airline" or a headline's "Automaker" is
    descriptor = Identity(doc[start:end].text, m.identity.kind, m.identity.country, m.identity.code, None)
    return [_mention(field, doc[start:end], descriptor, "nested:descr"), outer]


def _org_role(field: FieldName, doc: Doc, m: Mention, by_start: Mapping[int, Mention]) -> list[Mention]:
    """ "Apple executives said", "Uralsib analyst": a person role of an organisation with no name after it."""
    k = m.tok_end
    if k < len(doc) and doc[k].text in _POSSESSIVES:
        k += 1
    t = k
    while t < len(doc) and doc[t].lower_ in TITLE_WORDS:
        t += 1
    if t == k or doc[t - 1].lower_ not in ORG_ROLE_HEADS:
        return []
    follower = by_start.get(t) or by_start.get(t + 1)
    if follower is not None and follower.identity.kind == "person":
        return []  # "Apple CEO Steve Jobs" is handled from the person
    identity = Identity(doc[m.tok_start : t].text, "person", m.identity.country, m.identity.code, None)
    return [_mention(field, doc[m.tok_start : t], identity, "nested:orgrole")]


def _role_of(
    field: FieldName,
    doc: Doc,
    k: int,
    by_start: Mapping[int, Mention],
    by_end: Mapping[int, Mention],
    *,
    registry: ActorRegistry,
) -> list[Mention]:
    """ "Japan's prime minister", "CEO of GM", "President of the United States" with no name attached."""
    if k + 1 < len(doc) and doc[k + 1].lower_ in TITLE_WORDS:
        return []  # not the end of the title
    start = _title_run_left(doc, k + 1)
    if start > k:
        return []
    if k + 1 < len(doc) and (doc[k + 1].ent_type_ == "PERSON" or by_start.get(k + 1) is not None):
        return []
    if start > 0 and (by_end.get(start) or (doc[start - 1].ent_type_ == "PERSON")):
        return []
    end = k + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        j = end + 1
        if doc[j].lower_ == "the":
            j += 1
        owner = by_start.get(j)
        if owner is not None:
            end = owner.tok_end
        elif doc[j].ent_type_ in {"GPE", "ORG"}:
            while j < len(doc) and doc[j].ent_type_ in {"GPE", "ORG"}:
                j += 1
            end = j
    if start > 0 and doc[start - 1].text in _POSSESSIVES and start >= 2:
        owner_start = _proper_run_start(doc, start - 1)
        if owner_start < start - 1 and (
            registry.country_of_name(doc[owner_start : start - 1].text) or doc[start - 2].ent_type_ in {"GPE", "ORG"}
        ):
            start = owner_start
    elif start > 0 and doc[start - 1].ent_type_ in {"NORP", "GPE"}:
        start -= 1
    if end == k + 1 and start == _title_run_left(doc, k + 1):
        return []  # a bare title ("the president") is not a named mention
    identity = Identity(doc[start:end].text, "person", None, None, None)
    return [_mention(field, doc[start:end], identity, "nested:roleof")]


def _descriptive(mentions: list[Mention], docs: Mapping[FieldName, Doc]) -> list[Mention]:
    """ "the Al Qaeda-linked faction": a group described by its ties, linked to the last other group named before it."""
    found: list[Mention] = []
    in_order = sorted(mentions, key=lambda m: (FIELDS.index(m.field), m.start))
    for m in in_order:
        doc = docs.get(m.field)
        k = m.tok_end
        if doc is None or m.identity.kind in {"person", "state"} or k + 2 >= len(doc) or doc[k].text != "-":
            continue
        if doc[k + 1].lower_ not in _LINK_PARTICIPLES:
            continue
        j = k + 2
        while j < len(doc) and is_modifier(doc[j]) and doc[j].lower_ not in _GROUP_NOUNS:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in _GROUP_NOUNS:
            continue
        sponsor = m.identity.record.id if m.identity.record is not None else m.identity.name
        previous = [
            o
            for o in in_order
            if (FIELDS.index(o.field), o.start) < (FIELDS.index(m.field), m.start)
            and o.identity.kind in {"armed_group", "organization", "military"}
            and (o.identity.record.id if o.identity.record is not None else o.identity.name) != sponsor
            and o.source != "role"
        ]
        identity = (
            previous[-1].identity
            if previous
            else Identity(doc[m.tok_start : j + 1].text, "armed_group", m.identity.country, None, None)
        )
        found.append(_mention(m.field, doc[m.tok_start : j + 1], identity, "descriptive"))
    return found


def _dedupe(mentions: Iterable[Mention]) -> list[Mention]:
    best: dict[tuple[str, int, int], Mention] = {}
    rank = {"alias": 0, "linked": 1, "role": 2, "descriptive": 3, "state": 4, "ner": 5, "propagated": 6, "nested": 7}
    for m in mentions:
        key = (m.field, m.start, m.end)
        if m.start >= m.end:
            continue
        current = best.get(key)
        if current is None or rank.get(m.source.split(":")[0], 9) < rank.get(current.source.split(":")[0], 9):
            best[key] = m
    return sorted(best.values(), key=lambda m: (FIELDS.index(m.field), m.start, -m.end))


_NAME_WORDS = re.compile(r"[^\W_]+")
# Role nouns that also head the proper names of institutions ("Defence Ministry", "Supreme Court", "Syrian Arab
# Army"): in a headline, where case says nothing, they do not make a mention nominal.
_INSTITUTION_HEADS = frozenset(
    {"ministry", "court", "parliament", "army", "navy", "division", "brigade", "battalion", "cabinet", "presidency"}
    | {"administration", "judiciary"}
)


def mention_type(m: Mention, headline_case: bool) -> MentionType:
    """Whether a mention names its actor or only describes it ("Syrian Arab Army" vs "Syrian troops", "the army").

    Role phrases and descriptions are nominal; so is an alias whose head word is a common noun ("Syrian army",
    "regime forces", "Turkey's defence ministry"), read from its case or, in a headline-case title where every
    word is capitalised, from the role nouns that do not also head institutions' names. A name with its title
    ("President Bashar al-Assad") is a name.
    """
    if m.source in {"role", "descriptive"}:
        return "nominal"
    if m.source.startswith("nested"):
        return "name"
    words = m.surface.replace("\u2019s", "").replace("'s", "").split()
    if len(words) < 2:
        return "name"
    # The head is the last word, and of a hyphenated one its last part ("Bashar al-Assad"); a dotted word stays
    # whole ("Detik.com").
    head = next((part for part in reversed(words[-1].split("-")) if _NAME_WORDS.search(part)), words[-1])
    if headline_case:
        head_noun = head.strip(".,").lower()
        return "nominal" if head_noun in ROLE_SECTORS and head_noun not in _INSTITUTION_HEADS else "name"
    return "nominal" if head[:1].islower() else "name"


def _to_actor(m: Mention, article: Article, mention: MentionType) -> Actor:
    identity = m.identity
    record = identity.record
    confidence = CONFIDENCE.get(m.source.split(":")[0], 0.5) + (RESOLVED_BONUS if record is not None else 0.0)
    text = article.text(m.field)[m.start : m.end]
    return Actor(
        text=text,
        field=m.field,
        start=m.start,
        end=m.end,
        name=identity.name,
        kind=identity.kind,
        country_code=identity.country,
        code=identity.code,
        wikidata=record.wikidata if record is not None else None,
        resolved=record is not None,
        confidence=round(min(confidence, 1.0), 2),
        mention=mention,
        actor_id=record.id if record is not None else None,
    )


__all__ = ["ActorTagger", "Identity", "Mention"]

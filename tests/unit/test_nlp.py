"""The shared spaCy pipeline: which components run, on which matrix-multiply backend, and over which tokens."""

from __future__ import annotations

from thinc.api import NumpyOps

from streams.nlp import (
    EXCLUDED_COMPONENTS,
    NER_CONTEXT_TOKENS,
    analyse_texts,
    keep_freed_memory,
    load_nlp,
    name_stretches,
    read_doc,
)


def test_pipeline_runs_only_what_the_taggers_read() -> None:
    nlp = load_nlp()
    assert nlp.pipe_names == ["sentencizer", "ner"]
    assert not set(EXCLUDED_COMPONENTS) & set(nlp.pipe_names)


def test_every_component_multiplies_with_numpy_not_the_bundled_blis() -> None:
    nlp = load_nlp()
    networks = [(name, component.model) for name, component in nlp.pipeline if hasattr(component, "model")]
    assert [name for name, _ in networks] == ["ner"]  # the sentencizer is rules, no network
    for name, network in networks:
        for layer in network.walk():
            assert isinstance(layer.ops, NumpyOps), name
            assert layer.ops.use_blis is False, f"{name}/{layer.name}"


def test_pipeline_still_finds_entities_and_sentences() -> None:
    text = "Rebels withdrew from Khan Sheikhoun on Tuesday. Turkish troops stayed in Morek."
    [doc] = analyse_texts(load_nlp(), [text])
    assert [s.text for s in doc.sents] == [
        "Rebels withdrew from Khan Sheikhoun on Tuesday.",
        "Turkish troops stayed in Morek.",
    ]
    # The small model calls the town a PERSON; the location tagger takes NER spans of any label.
    assert {"Khan Sheikhoun", "Tuesday", "Turkish"} <= {e.text for e in doc.ents}


def test_glibc_keeps_freed_arrays_on_linux() -> None:
    assert keep_freed_memory() is True


LOWER_CASE_PROSE = (
    "the convoy waited for hours at the checkpoint while the drivers argued with the guards about the papers and "
    "the fuel they carried for the generators of the hospital"
)


def test_the_recogniser_reads_only_the_stretches_around_names() -> None:
    nlp = load_nlp()
    far_number = "and the 40 litres of fuel they had were lost long before anyone came"
    text = f"Aid reached Maarat al-Numan. {LOWER_CASE_PROSE} {far_number}, said Omar Hallaq on 3 May."
    doc = nlp.make_doc(text)
    stretches = name_stretches(doc)
    read = {i for start, end in stretches for i in range(start, end)}
    # Capitalised function words ("The") do not open a stretch; a stretch reaches NER_CONTEXT_TOKENS either side.
    first_name = next(t.i for t in doc if t.text == "Maarat")
    assert set(range(first_name + NER_CONTEXT_TOKENS + 1)) <= read
    # Neither lower-case prose nor a number far from any name ("40 litres") is read.
    prose = [t.i for t in doc if t.text in ("generators", "40")]
    assert len(prose) == 2 and not read & set(prose)
    assert stretches == sorted(stretches) and all(start < end for start, end in stretches)
    [analysed] = analyse_texts(nlp, [text])
    entities = {e.text for e in analysed.ents}
    assert {"Omar Hallaq", "3 May"} <= entities
    # Offsets point into the whole text, not into the stretch the recogniser read.
    assert all(text[e.start_char : e.end_char] == e.text for e in analysed.ents)


def test_a_text_without_names_is_not_read_by_the_recogniser() -> None:
    nlp = load_nlp()
    assert name_stretches(nlp.make_doc(LOWER_CASE_PROSE)) == []
    [doc] = analyse_texts(nlp, [LOWER_CASE_PROSE])
    assert list(doc.ents) == []


def test_stretches_closer_than_the_join_gap_are_read_as_one() -> None:
    nlp = load_nlp()
    doc = nlp.make_doc(f"Idlib {LOWER_CASE_PROSE} Hama")
    assert len(name_stretches(doc)) == 2
    close = nlp.make_doc("Idlib and then the road south past the fields toward Hama")
    assert name_stretches(close) == [(0, len(close))]


def test_a_doc_is_read_once_into_plain_words_and_its_entities() -> None:
    [doc] = analyse_texts(load_nlp(), ["Turkish troops stayed in Morek after the rebels left Khan Sheikhoun."])
    reading = read_doc(doc)
    assert reading.text == [t.text for t in doc]
    assert reading.lower == [t.lower_ for t in doc]
    assert [(e.start, e.end, e.label_) for e in reading.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert read_doc(doc) is reading
    # Cut from the doc's own text by offset, when the caller has it: the same words.
    [again] = analyse_texts(load_nlp(), ["Turkish troops stayed in Morek after the rebels left Khan Sheikhoun."])
    assert read_doc(again, again.text).text == reading.text


def test_a_readings_span_text_is_the_spans_text_wherever_the_spaces_fall() -> None:
    text = 'Rebels  left "Khan Sheikhoun"(Idlib) on 20 Aug.\nTurkish troops,in Morek, stayed. '
    [doc] = analyse_texts(load_nlp(), [text])
    for reading in (read_doc(doc), read_doc(analyse_texts(load_nlp(), [text])[0], text)):
        assert reading.spaces == [bool(t.whitespace_) for t in doc]
        for start in range(len(doc) + 1):
            for end in range(start, len(doc) + 1):
                assert reading.span_text(start, end) == doc[start:end].text


def test_the_pipeline_can_say_how_long_each_part_took() -> None:
    seconds: dict[str, float] = {}
    analyse_texts(load_nlp(), ["Rebels left Morek.", "Troops entered Khan Sheikhoun."], seconds)
    assert set(seconds) == {"tokenizer", "sentencizer", "ner"}
    assert all(value >= 0.0 for value in seconds.values())

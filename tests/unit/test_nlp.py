"""The shared spaCy pipeline: which components run and on which matrix-multiply backend."""

from __future__ import annotations

from thinc.api import NumpyOps

from streams.nlp import EXCLUDED_COMPONENTS, keep_freed_memory, load_nlp


def test_pipeline_runs_only_what_the_taggers_read() -> None:
    nlp = load_nlp()
    assert nlp.pipe_names == ["senter", "ner"]
    assert not set(EXCLUDED_COMPONENTS) & set(nlp.pipe_names)


def test_every_component_multiplies_with_numpy_not_the_bundled_blis() -> None:
    nlp = load_nlp()
    for name, component in nlp.pipeline:
        for layer in component.model.walk():
            assert isinstance(layer.ops, NumpyOps), name
            assert layer.ops.use_blis is False, f"{name}/{layer.name}"


def test_pipeline_still_finds_entities_and_sentences() -> None:
    doc = load_nlp()("Rebels withdrew from Khan Sheikhoun on Tuesday. Turkish troops stayed in Morek.")
    assert [s.text for s in doc.sents] == [
        "Rebels withdrew from Khan Sheikhoun on Tuesday.",
        "Turkish troops stayed in Morek.",
    ]
    # The small model calls the town a PERSON; the location tagger takes NER spans of any label.
    assert {"Khan Sheikhoun", "Tuesday", "Turkish"} <= {e.text for e in doc.ents}


def test_glibc_keeps_freed_arrays_on_linux() -> None:
    assert keep_freed_memory() is True

"""Unit tests for the pure parts: matcher, alias lines, summaries."""

from __future__ import annotations

import pytest
from sphinx_transcripts.glossary.aliases import parse_alias_line
from sphinx_transcripts.glossary.matcher import PhraseSet, TermMatcher, is_abbreviation, overlaps
from sphinx_transcripts.glossary.terms import summarize

PHRASES = [
    ("Keras", "keras"),
    ("KerasCV", "kerascv"),
    ("NeRF", "nerf"),
    ("PyTorch", "pytorch"),
    ("pi torch", "pytorch"),
    ("Hugging Face", "hf"),
    ("Hugging Face Transformers", "hft"),
    ("🤗 transformers", "hft"),
    ("fast.ai", "fastai"),
    ("fastai", "fastai"),
    ("Torch7", "torch7"),
    ("Torch 7", "torch7"),
    ("torch seven", "torch7"),
    ("DINO", "dino"),
    ("MOOC", "mooc"),
    ("CUDA", "cuda"),
    ("Weights & Biases", "wandb"),
    ("wandb", "wandb"),
]


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return TermMatcher(PHRASES)


def found(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.key) for m in matcher.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "KerasCV",  # no right boundary for Keras
        "nerfstudio",
        "keras-io",
        "keras.io/examples",
        "@huggingface",
        "wandb/client",
        "subKeras",
        "Keras_2",
        "PyTorchLightning",
    ],
)
def test_whole_words_only(matcher: TermMatcher, text: str) -> None:
    assert all(key not in ("keras", "nerf", "hf", "pytorch") for _, key in found(matcher, text))


def test_compound_names_keep_their_own_entry(matcher: TermMatcher) -> None:
    assert found(matcher, "KerasCV and Keras") == [("KerasCV", "kerascv"), ("Keras", "keras")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I love Keras.", [("Keras", "keras")]),
        ("Keras, PyTorch; NeRF!", [("Keras", "keras"), ("PyTorch", "pytorch"), ("NeRF", "nerf")]),
        ("PyTorch's API", [("PyTorch", "pytorch")]),
        ("(NeRF)", [("NeRF", "nerf")]),
        ("“Keras”", [("Keras", "keras")]),
    ],
)
def test_punctuation_is_a_boundary(
    matcher: TermMatcher, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Pytorch", "pytorch"),
        ("pytorch", "pytorch"),
        ("PYTORCH", "pytorch"),
        ("pi torch", "pytorch"),
        ("PI torch", "pytorch"),
        ("pi\ntorch", "pytorch"),
        ("pi   torch", "pytorch"),
        ("NeRFs", "nerf"),
        ("fast.ai", "fastai"),
        ("FastAI", "fastai"),
        ("Torch 7", "torch7"),
        ("torch seven", "torch7"),
        ("MOOCs", "mooc"),
        ("Weights & Biases", "wandb"),
        ("🤗 transformers", "hft"),
    ],
)
def test_variants_reach_their_entry(matcher: TermMatcher, text: str, key: str) -> None:
    assert found(matcher, f"x {text} y") == [(text, key)]


@pytest.mark.parametrize("text", ["a dino in the museum", "Dino", "mooc", "Cuda cores", "nerf guns"])
def test_abbreviations_are_case_sensitive(matcher: TermMatcher, text: str) -> None:
    assert found(matcher, text) == []


def test_abbreviation_rule() -> None:
    assert is_abbreviation("CUDA")
    assert is_abbreviation("NeRF")
    assert is_abbreviation("ViT")
    assert not is_abbreviation("PyTorch")
    assert not is_abbreviation("KerasNLP")
    assert not is_abbreviation("fastai")
    assert not is_abbreviation("A")


def test_longest_term_wins(matcher: TermMatcher) -> None:
    assert found(matcher, "Hugging Face Transformers and Hugging Face") == [
        ("Hugging Face Transformers", "hft"),
        ("Hugging Face", "hf"),
    ]
    assert found(matcher, "Torch 7") == [("Torch 7", "torch7")]


def test_plural_only_for_words_ending_in_a_letter() -> None:
    m = TermMatcher([("Torch7", "t"), ("Keras", "k")])
    assert found(m, "Torch7s Kerass") == []


def test_conflicting_phrases_are_reported_and_first_one_kept() -> None:
    m = TermMatcher([("DINO", "dino"), ("dino", "dinosaur"), ("Keras", "k"), ("keras", "k")])
    assert [(c.phrase, c.kept_phrase) for c in m.conflicts] == [("dino", "DINO")]
    assert found(m, "dino DINO keras") == [("DINO", "dino"), ("keras", "k")]


def test_overlaps() -> None:
    assert overlaps("torch", "Torch")
    assert overlaps("DINO", "dino")
    assert not overlaps("NeRF", "NERF")
    assert not overlaps("Keras", "KerasCV")


def test_empty_matcher_matches_nothing() -> None:
    assert found(TermMatcher([]), "anything at all") == []


def test_one_pass_over_the_text() -> None:
    """1,000 phrases compile to one trie-shaped pattern scanned once."""
    phrases = [(f"Term{index:04d}", f"k{index}") for index in range(1000)]
    m = TermMatcher(phrases)
    assert m.pattern is not None
    # Shared prefixes are written once: the alternation branches by trie node,
    # not by phrase.
    assert m.pattern.pattern.count("[tT][eE][rR][mM]") == 1

    calls = []
    real = m.pattern

    class Spy:
        def finditer(self, text: str):
            calls.append(text)
            return real.finditer(text)

    m.pattern = Spy()
    text = "Term0001 and term0999 but not Term1000 " * 50
    assert len(list(m.finditer(text))) == 100
    assert calls == [text]


def test_fingerprint_is_stable_and_sensitive() -> None:
    assert TermMatcher(PHRASES).fingerprint == TermMatcher(PHRASES).fingerprint
    assert TermMatcher(PHRASES).fingerprint != TermMatcher(PHRASES[:-1]).fingerprint


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PyTorch: pi torch, PI torch", ("PyTorch", ["pi torch", "PI torch"])),
        ("  Weights & Biases :  Weights and Biases ,wandb ", ("Weights & Biases", ["Weights and Biases", "wandb"])),
        ("Torch7:", ("Torch7", [])),
        ("no colon here", None),
        (": orphan", None),
    ],
)
def test_parse_alias_line(line: str, expected: tuple[str, list[str]] | None) -> None:
    assert parse_alias_line(line) == expected


def test_summarize() -> None:
    assert summarize("Short  and\nsweet.") == "Short and sweet."
    long = "First sentence is here. Then " + "word " * 80
    assert summarize(long) == "First sentence is here."
    no_stop = "word " * 100
    cut = summarize(no_stop)
    assert cut.endswith("…") and len(cut) <= 281


def test_phrase_set_reports_clashes_with_other_keys_only() -> None:
    phrases = PhraseSet()
    assert phrases.add("DINO", "dino") is None
    assert phrases.add("Dino", "dino") is None  # a variant of its own entry: dropped quietly
    clash = phrases.add(" dino ", "dinosaur")
    assert clash is not None
    assert (clash.phrase, clash.key, clash.kept_phrase, clash.kept_key) == ("dino", "dinosaur", "DINO", "dino")
    assert phrases.add("NERF", "nerf2") is None  # abbreviations clash only when identical
    assert phrases.add("", "empty") is None
    assert phrases.phrases == [("DINO", "dino"), ("NERF", "nerf2")]

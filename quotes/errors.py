"""One error hierarchy: every error a user can cause is a `QuotesError`.

The CLI prints `str(error)` as one line on stderr and exits non-zero; nothing
else in the package prints or exits.
"""


class QuotesError(Exception):
    """Base class for errors that carry a message meant for the user: one
    line, whatever the text it quotes (a server's answer, a database's
    several lines of detail)."""

    def __init__(self, message: object = "") -> None:
        super().__init__(one_line(str(message)))


def one_line(text: str) -> str:
    """`text` on one line: its line breaks and runs of white space made one space."""
    return " ".join(text.split())


class InputError(QuotesError):
    """An article could not be read (missing file, bad encoding, bad header).

    The message names the input, and the line when there is one:
    ``path:line: reason``.
    """

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.line = line
        self.reason = one_line(reason)

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its parts, so that it can come back from a worker process.
        return _input_error, (self.source, self.reason, self.line)


def _input_error(source: str, reason: str, line: int | None) -> InputError:
    return InputError(source, reason, line=line)


class ModelNotFoundError(QuotesError):
    """The spaCy pipeline named by --model / QUOTES_MODEL is not installed."""


class OutputError(QuotesError):
    """A result cannot be written (an export file in a missing folder, say)."""


class DatabaseError(QuotesError):
    """The database cannot be opened, migrated or queried."""


class AmbiguousPersonError(QuotesError):
    """A person filter matches several people: the message lists them to pick from."""

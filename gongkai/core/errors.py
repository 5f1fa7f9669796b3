"""Domain errors shared by every app."""


class DomainError(Exception):
    """A request that cannot be carried out; the message is shown to the user."""

    def __init__(self, message: str, *, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class InvalidTransition(DomainError):
    """A workflow step that is not possible from the object's current state."""


class ValidationFailed(DomainError):
    """Input that failed validation; `problems` lists every problem found."""

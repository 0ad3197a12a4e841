"""The one error type ingestion raises for bad input."""


class InputError(Exception):
    """An input that cannot become an article; `origin` names it, `reason` says why in a phrase."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self):
        # Pickled by name and reason, so an error travels back from a worker process intact.
        return (InputError, (self.origin, self.reason))

"""The one error type ingestion raises for bad input."""


class InputError(Exception):
    """An input that cannot become an article; `origin` names it, `reason` says why in a phrase."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

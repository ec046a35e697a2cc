"""The one exception type nnanim raises for a user's mistake.

A teacher who mistypes a preset name should read one line that names the field, the bad value
and what is allowed -- not a numpy or torch traceback.
"""


class NnanimError(ValueError):
    """A problem with the input that the user can fix; the message says how.

    >>> import torch, nnanim
    >>> try:
    ...     nnanim.network_from_torch(torch.nn.Sequential(torch.nn.Linear(3, 2)))
    ... except nnanim.NnanimError as err:
    ...     print(err)
    network[0]: Linear takes 3 inputs, not 2; nnanim draws networks of points in the plane ...
    """


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, so a message stays one readable line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


SEED_MAX = 2**32 - 1
"""numpy and torch both accept seeds up to this."""


def check_choice(field: str, value: object, allowed: tuple[str, ...] | list[str]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise naming the field and the choices."""
    if not isinstance(value, str) or value not in allowed:
        raise NnanimError(f"{field}: {shown(value)} is not one of {', '.join(allowed)}")
    return value


def check_positive_int(field: str, value: object, minimum: int = 1,
                       maximum: int | None = None) -> int:
    """Return ``value`` as an int in ``[minimum, maximum]``, else raise a clear error.

    The maximum keeps a typo like ``epochs = 10000000`` from silently running all night.
    """
    if isinstance(value, bool) or not isinstance(value, (int,)) and not (
        hasattr(value, "__index__")
    ):
        raise NnanimError(f"{field}: {shown(value)} is not an integer (must be >= {minimum})")
    number = int(value)  # type: ignore[arg-type]
    if number < minimum:
        raise NnanimError(f"{field}: {number} is too small (must be >= {minimum})")
    if maximum is not None and number > maximum:
        raise NnanimError(f"{field}: {shown(number)} is too large (must be <= {maximum})")
    return number


def check_positive_float(field: str, value: object, allow_zero: bool = False) -> float:
    """Return ``value`` as a finite float > 0 (or >= 0), else raise a clear error."""
    if isinstance(value, bool):
        raise NnanimError(f"{field}: {shown(value)} is not a number")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise NnanimError(f"{field}: {shown(value)} is not a number") from None
    bound = ">= 0" if allow_zero else "> 0"
    if number != number or number in (float("inf"), float("-inf")):
        raise NnanimError(f"{field}: {shown(value)} is not finite (must be a number {bound})")
    if number < 0 or (number == 0 and not allow_zero):
        raise NnanimError(f"{field}: {number} is not allowed (must be {bound})")
    return 0.0 if number == 0 else number  # -0.0 would fail numpy's "scale >= 0" checks

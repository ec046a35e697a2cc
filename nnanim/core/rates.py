"""How often something happened, with the honest uncertainty of a count.

"19 of 20 runs" is a count, not a probability: the interval says which success rates that
count still allows, and ``Rate.contradicted_by`` asks whether a fresh handful of runs makes
a published rate unbelievable. Clopper–Pearson (exact) intervals: they never claim more
confidence than they have, which matters for counts like 20 of 20.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnanim.errors import NnanimError

CONFIDENCE = 0.95
"""The interval published next to every rate."""


@dataclass(frozen=True)
class Rate:
    """``successes`` out of ``runs``."""

    successes: int
    runs: int

    def __post_init__(self) -> None:
        for field in ("successes", "runs"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise NnanimError(f"{field}: {value!r} is not a whole number >= 0")
        if self.runs == 0 or self.successes > self.runs:
            raise NnanimError(
                f"rate: {self.successes} of {self.runs} is not a count of runs; "
                "give 0 <= successes <= runs and runs >= 1"
            )

    @property
    def value(self) -> float:
        return self.successes / self.runs

    def interval(self, confidence: float = CONFIDENCE) -> tuple[float, float]:
        """The exact (Clopper–Pearson) two-sided interval for the true success rate."""
        from scipy.stats import beta  # scipy.stats takes a second to import: only when asked

        tail = (1.0 - confidence) / 2
        k, n = self.successes, self.runs
        low = 0.0 if k == 0 else float(beta.ppf(tail, k, n - k + 1))
        high = 1.0 if k == n else float(beta.ppf(1.0 - tail, k + 1, n - k))
        return low, high

    def contradicted_by(self, successes: int, runs: int, alpha: float = 0.01) -> bool:
        """Would ``successes`` of ``runs`` fresh runs be too few, were this rate true?

        The fresh count is tested (one-sided binomial test at ``alpha``) against the lowest rate
        the published interval allows, so it is flagged only when the real rate is clearly
        below what was published, not when a run or two of a handful fails by chance.
        """
        from scipy.stats import binomtest

        fresh = Rate(successes, runs)
        low, _ = self.interval()
        if low == 0.0:
            return False
        return binomtest(fresh.successes, fresh.runs, low, alternative="less").pvalue < alpha

    def describe(self) -> str:
        """``19 of 20 (95 %; 95 % interval 75–100 %)``."""
        low, high = self.interval()
        return (f"{self.successes} of {self.runs} ({percent(self.value)}; "
                f"{percent(CONFIDENCE)} interval {percent(low, unit=False)}–{percent(high)})")


def percent(fraction: float, unit: bool = True) -> str:
    """``0.955 -> '96 %'``, never rounding a rate that is not 100 % up to 100 % (or 0 down)."""
    shown = round(100 * fraction)
    if shown == 100 and fraction < 1.0:
        shown = 99
    elif shown == 0 and fraction > 0.0:
        shown = 1
    return f"{shown} %" if unit else str(shown)

"""What a detector may know besides the text: the client's products, the channel, the language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProductTerms:
    name: str
    generic: str = ""
    aliases: tuple[str, ...] = ()
    indications: tuple[str, ...] = ()
    min_age: int | None = None  # the approved population by age (Product.min_age / max_age)
    max_age: int | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        forms = [self.name, self.generic, *self.aliases]
        return tuple(f for f in forms if f)


@dataclass(frozen=True)
class ScreenContext:
    products: tuple[ProductTerms, ...] = ()
    sponsorship: str = ""  # owned | paid | influencer | third_party | "" (unknown)
    language: str = ""  # a caller's language hint; detected when empty
    client_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def owned_or_paid(self) -> bool:
        """On a brand's own or paid channel, a post about a drug is about the brand's product."""
        return self.sponsorship in ("owned", "paid")

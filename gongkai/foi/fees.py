"""Information-processing fees (信息处理费) — the tiers are data, the arithmetic is one function.

Source: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), FACTS.md §2 (V-2nd):
* 第三条: charged 按件 or 按量, "均按照超额累进方式计算"; one basis per application, "不得同时
  按照两种标准重复计算".
* 第四条 按件计收: the same applicant's applications in one natural month — 1–10 free, 11–30
  100元/件, from 31 on "以10件为一档，每增加一档，收费标准提高100元/件" (31–40 200元, 41–50 300元 …).
* 第五条 按量计收 (table of the official fee notice citing 109号): 1–30 pages free, 31–100
  10元/页, 101–200 20元/页, 201 and above 40元/页.
* 条例第四十二条: providing information is free unless volume or frequency 明显超过合理范围 —
  most cases pay nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.errors import ValidationFailed

SOURCE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


@dataclass(frozen=True)
class Tier:
    first: int  # first unit in the tier (1-based)
    last: int | None  # last unit, None for open-ended
    price: Decimal  # yuan per unit


@dataclass(frozen=True)
class Scheme:
    code: str
    label: str
    unit: str
    article: str
    tiers: tuple[Tier, ...]
    # Open-ended continuation: after the last closed tier, bands of `band` units whose price
    # rises by `step` yuan per band (第四条). None when the last tier is open-ended.
    band: int | None = None
    step: Decimal | None = None

    def tier_of(self, n: int) -> Tier:
        for tier in self.tiers:
            if n >= tier.first and (tier.last is None or n <= tier.last):
                return tier
        if self.band is None:
            raise ValueError(n)
        last = self.tiers[-1]
        index = (n - last.last - 1) // self.band + 1
        first = last.last + (index - 1) * self.band + 1
        return Tier(first, first + self.band - 1, last.price + self.step * index)


SCHEMES = {
    "per_request": Scheme(
        code="per_request", label="按件计收", unit="件",
        article=f"{SOURCE}第四条",
        tiers=(Tier(1, 10, Decimal(0)), Tier(11, 30, Decimal(100))),
        band=10, step=Decimal(100),
    ),
    "per_page": Scheme(
        code="per_page", label="按量计收", unit="页",
        article=f"{SOURCE}第五条",
        tiers=(Tier(1, 30, Decimal(0)), Tier(31, 100, Decimal(10)), Tier(101, 200, Decimal(20)),
               Tier(201, None, Decimal(40))),
    ),
}


@dataclass(frozen=True)
class FeeLine:
    first: int
    last: int
    price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class FeeResult:
    scheme: Scheme
    first_unit: int
    last_unit: int
    lines: tuple[FeeLine, ...]
    total: Decimal

    def text_lines(self) -> list[str]:
        s = self.scheme
        if s.code == "per_request":
            head = (f"{s.label}（{s.article}）：本申请为该申请人本自然月第{self.first_unit}"
                    + (f"至第{self.last_unit}" if self.last_unit != self.first_unit else "") + "件。")
        else:
            head = f"{s.label}（{s.article}）：共{self.last_unit}页。"
        out = [head]
        for line in self.lines:
            span = f"第{line.first}{s.unit}" if line.first == line.last else f"第{line.first}至第{line.last}{s.unit}"
            if line.price == 0:
                out.append(f"{span}：免费。")
            else:
                out.append(f"{span}：{line.last - line.first + 1}{s.unit} × {line.price}元 = {line.amount}元。")
        out.append(f"合计：{self.total}元（超额累进计算，同一申请只按一种标准计收）。")
        return out

    def as_dict(self) -> dict:
        return {
            "scheme": self.scheme.code, "first_unit": self.first_unit, "last_unit": self.last_unit,
            "lines": [{"first": l.first, "last": l.last, "price": str(l.price), "amount": str(l.amount)}
                      for l in self.lines],
            "total": str(self.total), "text": self.text_lines(),
        }


def compute_fee(scheme: str, *, units: int, prior_units: int = 0) -> FeeResult:
    """Return the fee for `units` units after `prior_units` already counted (超额累进).

    per_request: `prior_units` = the applicant's earlier applications in the same natural month;
    `units` = the 件 of this application. per_page: `prior_units` must be 0 (pages are counted
    within one application).
    """
    if scheme not in SCHEMES:
        raise ValidationFailed("收费标准无效。", problems=["只能选择按件计收或按量计收之一。"])
    if units < 1 or prior_units < 0:
        raise ValidationFailed("收费计算参数无效。", problems=["件数或页数必须为正整数。"])
    s = SCHEMES[scheme]
    if scheme == "per_page" and prior_units:
        raise ValidationFailed("收费计算参数无效。", problems=["按量计收只计本申请的页数。"])
    first, last = prior_units + 1, prior_units + units
    lines: list[FeeLine] = []
    n = first
    while n <= last:
        tier = s.tier_of(n)
        end = last if tier.last is None else min(tier.last, last)
        count = end - n + 1
        lines.append(FeeLine(n, end, tier.price, tier.price * count))
        n = end + 1
    return FeeResult(s, first, last, tuple(lines), sum((l.amount for l in lines), Decimal(0)))

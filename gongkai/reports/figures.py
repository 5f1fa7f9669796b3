"""Key figures for the narrative writer, derived from the same data as the tables.

The seed's 2020 report writes: "全年共收到有效申请公开件87件，其中网络申请68件，信函申请19件。
46件予以公开，13件部分公开，3件不予公开，25件无法提供。予以公开和部分公开的信息占比近70%，
不予公开占比仅3.4%。" — i.e. effective requests are those answered in the year with a
substantive outcome (予以公开, 部分公开, 不予公开, 无法提供), excluding 不予处理 and 其他处理.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from gongkai.foi.constants import Channel, Outcome

from .statistics import request_filters, requests_queryset

SUBSTANTIVE = (Outcome.DISCLOSED, Outcome.PARTIAL, Outcome.WITHHELD, Outcome.UNAVAILABLE)
# Channels grouped as the report words them.
CHANNEL_GROUPS = {
    "网络申请": (Channel.ONLINE, Channel.EMAIL),
    "信函申请": (Channel.POST, Channel.LETTER),
    "当面申请": (Channel.IN_PERSON,),
    "传真申请": (Channel.FAX,),
}


@dataclass
class KeyFigures:
    new: int
    carried_in: int
    closed: int
    carried_out: int
    effective: int
    by_channel: dict[str, int]
    by_outcome: dict[str, int]
    disclosed_share: Decimal | None  # (予以公开 + 部分公开) / effective, percent
    withheld_share: Decimal | None  # 不予公开 / effective, percent
    fees_yuan: Decimal

    def sentences(self) -> list[str]:
        """Return the figures as the sentences a report usually carries."""
        parts = [f"全年共收到有效申请公开件{self.effective}件"]
        channels = "，".join(f"{k}{v}件" for k, v in self.by_channel.items() if v)
        if channels:
            parts[0] += f"，其中{channels}"
        outcomes = "，".join(f"{v}件{k}" for k, v in self.by_outcome.items() if v)
        text = ["。".join(parts) + "。" + (outcomes + "。" if outcomes else "")]
        if self.disclosed_share is not None:
            text.append(f"予以公开和部分公开的信息占比{self.disclosed_share}%，不予公开占比{self.withheld_share}%。")
        text.append(f"本年新收申请{self.new}件，上年结转{self.carried_in}件，本年办结{self.closed}件，结转下年度{self.carried_out}件。")
        text.append("未向申请人收取任何费用。" if not self.fees_yuan else f"共收取信息处理费{self.fees_yuan}元。")
        return text


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def shares(*, disclosed: int, partial: int, withheld: int, unavailable: int) -> tuple[Decimal | None, Decimal | None]:
    """(予以公开和部分公开占比, 不予公开占比) in percent of the effective requests (the four substantive
    outcomes), from the counts themselves: a rate over several offices is recomputed from their summed
    counts, never averaged."""
    effective = disclosed + partial + withheld + unavailable
    return _percent(disclosed + partial, effective), _percent(withheld, effective)


def key_figures(organisation, year: int) -> KeyFigures:
    base = requests_queryset(organisation)
    f = request_filters(year)
    counts = base.aggregate(
        new=Count("id", filter=f["new"]), carried_in=Count("id", filter=f["carried_in"]),
        closed=Count("id", filter=f["closed"]), carried_out=Count("id", filter=f["carried_out"]),
    )
    effective_qs = base.filter(f["closed"], outcome__in=SUBSTANTIVE)
    by_outcome_raw = dict(effective_qs.values_list("outcome").annotate(n=Count("id")).order_by())
    by_channel_raw = dict(effective_qs.values_list("channel").annotate(n=Count("id")).order_by())
    effective = sum(by_outcome_raw.values())
    by_channel = {label: sum(by_channel_raw.get(c, 0) for c in channels) for label, channels in CHANNEL_GROUPS.items()}
    by_outcome = {str(Outcome(o).label): by_outcome_raw.get(o, 0) for o in SUBSTANTIVE}
    fees = base.filter(f["closed"], fee_paid_on__isnull=False).aggregate(total=Sum("fee_amount"))["total"]
    disclosed_share, withheld_share = shares(**{o.value: by_outcome_raw.get(o, 0) for o in SUBSTANTIVE})
    return KeyFigures(
        new=counts["new"], carried_in=counts["carried_in"], closed=counts["closed"], carried_out=counts["carried_out"],
        effective=effective, by_channel=by_channel, by_outcome=by_outcome,
        disclosed_share=disclosed_share, withheld_share=withheld_share,
        fees_yuan=Decimal(fees or 0),
    )


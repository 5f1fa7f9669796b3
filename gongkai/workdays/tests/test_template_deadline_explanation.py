"""The deadline explanation include."""
import datetime as dt

from django.template.loader import render_to_string

from gongkai.workdays import engine
from gongkai.workdays.engine import deadline_for_rule


def test_renders_due_date_steps_and_no_badge_for_a_published_year(cal):
    html = render_to_string("workdays/deadline_explanation.html", {"deadline": engine.clock_deadline(cal, dt.date(2026, 9, 24), 20)})
    assert '<time datetime="2026-10-29">2026年10月29日</time>' in html
    assert "<li>跳过法定节假日：国庆节 10月1日至10月7日（7天）。</li>" in html
    assert "暂定" not in html
    assert "<section" in html and "<details>" in html


def test_renders_provisional_badge_and_reason(cal):
    html = render_to_string("workdays/deadline_explanation.html", {"deadline": engine.clock_deadline(cal, dt.date(2026, 12, 10), 20)})
    assert 'class="badge badge--provisional"' in html
    assert "2027年国务院节假日安排尚未录入" in html
    # A Chinese page says it in Chinese only (issue 21 item 11: "临时（provisional）" on a receipt).
    assert ">暂定</span>" in html and "provisional）" not in html


def test_renders_a_rule_without_date():
    html = render_to_string("workdays/deadline_explanation.html", {"deadline": deadline_for_rule({"kind": "manual", "text": "按要求"})})
    assert "无法定日期" in html

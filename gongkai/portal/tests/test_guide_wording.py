"""The wording check of the 政府信息公开指南 (issue 23 item 2): a severe finding blocks the update (its
texts are held and shown in place), one click applies the suggestion, the leader may keep it with
a reason, a minor finding does not block."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.portal import services
from gongkai.portal.models import DisclosureGuide
from gongkai.proofing import selectors as proofing_selectors
from gongkai.proofing import services as proofing
from gongkai.proofing.models import HeldText, WordingFinding
from gongkai.proofing.tests import fakes

from .conftest import login
from .test_guide import GOOD

BAD = {**GOOD, "functions": f"本局前身为县{fakes.SEVERE}。负责全县应急管理工作。".replace("前身为", "由")}
FIXED = BAD["functions"].replace(fakes.SEVERE, fakes.SEVERE_FIX)


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    return fakes.use(monkeypatch)


@pytest.fixture
def written(county):
    org, _, users = county
    return services.guide_update(organisation=org, actor=users["yc_office"], data=GOOD)


def _findings(obj, **kw):
    return WordingFinding.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, **kw)


def test_guide_severe_finding_blocks_the_update_with_a_clear_message(county, written):
    org, _, users = county
    with pytest.raises(ValidationFailed) as exc:
        services.guide_update(organisation=org, actor=users["yc_office"], data=BAD)
    assert "措辞检查发现 1 处严重问题" in exc.value.message and "机关职能" in exc.value.problems[0]
    written.refresh_from_db()
    assert written.functions == GOOD.get("functions", "")
    assert proofing_selectors.held_text(written, "functions") == BAD["functions"]


def test_guide_apply_fixes_it_and_the_update_passes(county, written):
    org, _, users = county
    with pytest.raises(ValidationFailed):
        services.guide_update(organisation=org, actor=users["yc_office"], data=BAD)
    (finding,) = _findings(written)
    proofing.apply_finding(finding, users["yc_office"])
    assert proofing_selectors.held_text(written, "functions") == FIXED
    guide = services.guide_update(organisation=org, actor=users["yc_office"], data={**BAD, "functions": FIXED})
    assert guide.functions == FIXED and not HeldText.objects.exists()


def test_guide_leader_override_lets_it_pass(county, written):
    org, _, users = county
    with pytest.raises(ValidationFailed):
        services.guide_update(organisation=org, actor=users["yc_office"], data=BAD)
    (finding,) = _findings(written)
    proofing.override(finding, users["yc_leader"], "沿革说明中保留原机构名称。")
    assert AuditEvent.objects.filter(action="proofing.overridden").count() == 1
    assert services.guide_update(organisation=org, actor=users["yc_office"], data=BAD).functions == BAD["functions"]


def test_guide_non_leader_cannot_override(county, written):
    org, _, users = county
    with pytest.raises(ValidationFailed):
        services.guide_update(organisation=org, actor=users["yc_office"], data=BAD)
    (finding,) = _findings(written)
    for username in ("yc_office", "zz_leader"):
        with pytest.raises(PermissionDenied):
            proofing.override(finding, users[username], "理由")
    finding.refresh_from_db()
    assert finding.status == "open"


def test_guide_minor_finding_does_not_block(county, written):
    org, _, users = county
    text = f"{fakes.MINOR}目前，按目录编排。"
    assert services.guide_update(organisation=org, actor=users["yc_office"],
                                 data={**GOOD, "classification": text}).classification == text


def test_guide_first_write_with_a_severe_finding_writes_nothing(county):
    org, _, users = county
    with pytest.raises(ValidationFailed):
        services.guide_update(organisation=org, actor=users["yc_office"], data=BAD)
    assert not DisclosureGuide.objects.exists() and not WordingFinding.objects.exists()


def test_guide_form_shows_the_finding_in_place_and_the_held_text(client, county, written):
    org, _, users = county
    login(client, "yc_office")
    url = reverse("office:guide_edit", args=[org.code])
    response = client.post(url, BAD).content.decode()
    assert f"机关职能与机构设置：“{fakes.SEVERE}”" in response and f"<mark>{fakes.SEVERE}</mark>" in response
    page = client.get(url).content.decode()
    assert f"<mark>{fakes.SEVERE}</mark>" in page and "应用建议" in page and BAD["functions"] in page
    assert "wording-override" not in page  # the office is not the leader: no override form
    (finding,) = _findings(written)
    client.post(reverse("proofing_office:apply", args=[finding.pk]), {"next": url})
    assert proofing_selectors.held_text(written, "functions") == FIXED
    assert FIXED in client.get(url).content.decode()

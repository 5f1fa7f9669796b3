"""Rules and tenures kept by offices: inheritance down the tree, disabling, audit, wrong actors,
the cached matcher rebuilt after every change, bulk import."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.exports import csv_bytes, xlsx_bytes
from gongkai.wording import importing, rule_services as rs
from gongkai.wording.models import RuleSwitch, Tenure, WordingRule
from gongkai.wording.services import check_text

D2024 = dt.date(2024, 5, 1)
FORBIDDEN = {"kind": "forbidden", "term": "测试禁用语", "suggestion": "规范用语", "severity": "severe",
             "source": "省局通知"}


def rules_of(text, org, day=D2024):
    return [f.rule for f in check_text(text, organisation=org, on_date=day)]


def test_province_rule_inherited_down_the_tree_not_sideways(tree):
    orgs, users = tree
    rule = rs.add_rule(actor=users["sx_admin"], organisation=orgs["sx-jc"], data=FORBIDDEN)
    key = f"db:{rule.pk}"
    assert rules_of("请勿使用测试禁用语。", orgs["sx-jc"]) == [key]
    assert rules_of("请勿使用测试禁用语。", orgs["sx-jc-zz"]) == [key]
    assert rules_of("请勿使用测试禁用语。", orgs["sx-jc-zz-nc"]) == [key]
    assert rules_of("请勿使用测试禁用语。", orgs["sx"]) == []
    assert rules_of("请勿使用测试禁用语。", None) == []
    (finding,) = check_text("请勿使用测试禁用语。", organisation=orgs["sx-jc-yc"], on_date=D2024)
    assert (finding.kind, finding.severity, finding.suggestion) == ("forbidden", "severe", "规范用语")
    assert "晋城市应急管理局" in finding.explanation


def test_lower_level_disables_inherited_and_shipped_rule(tree):
    orgs, users = tree
    rule = rs.add_rule(actor=users["sx_admin"], organisation=orgs["sx"], data=FORBIDDEN)
    text = "测试禁用语；县安监局"
    assert len(rules_of(text, orgs["sx-jc-zz"])) == 2
    rs.switch_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], rule_key=f"db:{rule.pk}",
                   enabled=False, reason="本县不适用")
    rs.switch_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], rule_key="outdated:sa-bureau-abbr",
                   enabled=False, reason="本县历史资料较多")
    assert rules_of(text, orgs["sx-jc-zz"]) == []
    assert rules_of(text, orgs["sx-jc-zz-nc"]) == []            # and below it
    assert len(rules_of(text, orgs["sx-jc-yc"])) == 2          # the sibling keeps both
    # a deeper switch wins: the township turns the shipped rule back on for itself
    RuleSwitch.objects.create(organisation=orgs["sx-jc-zz-nc"], rule_key="outdated:sa-bureau-abbr", enabled=True)
    from gongkai.wording.services import bump_version
    bump_version()
    assert rules_of(text, orgs["sx-jc-zz-nc"]) == ["outdated:sa-bureau-abbr"]


def test_switch_needs_a_known_inherited_key_and_a_reason(tree):
    orgs, users = tree
    own = rs.add_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], data=FORBIDDEN)
    with pytest.raises(ValidationFailed):
        rs.switch_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], rule_key="nope", enabled=False, reason="x")
    with pytest.raises(ValidationFailed):   # its own rule is deactivated by editing, not switched
        rs.switch_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], rule_key=f"db:{own.pk}",
                       enabled=False, reason="x")
    with pytest.raises(ValidationFailed):
        rs.switch_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], rule_key="format:jiezhi",
                       enabled=False, reason="")
    assert not RuleSwitch.objects.exists()


def test_edit_and_deactivate_own_rule_rebuilds_the_matcher(tree):
    orgs, users = tree
    rule = rs.add_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], data=FORBIDDEN)
    assert rules_of("测试禁用语", orgs["sx-jc-zz"]) == [f"db:{rule.pk}"]
    rs.update_rule(actor=users["zz_office"], rule=rule, data={"term": "另一禁用语"})
    assert rules_of("测试禁用语", orgs["sx-jc-zz"]) == []
    assert rules_of("另一禁用语", orgs["sx-jc-zz"]) == [f"db:{rule.pk}"]
    rs.update_rule(actor=users["zz_office"], rule=rule, data={"active": False})
    assert rules_of("另一禁用语", orgs["sx-jc-zz"]) == []
    events = list(AuditEvent.objects.filter(target_type="wording.wordingrule").values_list("action", flat=True))
    assert sorted(events) == ["wording.rule_added", "wording.rule_changed", "wording.rule_changed"]


def test_rule_validation(tree):
    orgs, users = tree
    for bad in ({**FORBIDDEN, "term": "\u200b "}, {**FORBIDDEN, "kind": "format"}, {**FORBIDDEN, "severity": "x"},
                {**FORBIDDEN, "valid_from": "2025-01-01", "valid_to": "2024-01-01"}, {**FORBIDDEN, "valid_to": "明天"},
                {**FORBIDDEN, "term": "长" * 101}, {**FORBIDDEN, "suggestion": FORBIDDEN["term"]}):
        with pytest.raises(ValidationFailed):
            rs.add_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], data=bad)
    rs.add_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], data=FORBIDDEN)
    with pytest.raises(ValidationFailed):
        rs.add_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], data=FORBIDDEN)
    assert WordingRule.objects.count() == 1


@pytest.mark.parametrize("username, org", [
    ("zz_drafter", "sx-jc-zz"), ("zz_leader", "sx-jc-zz"), ("zz_secrecy", "sx-jc-zz"),
    ("jc_supervisor", "sx-jc-zz"), ("yc_office", "sx-jc-zz"), ("zz_office", "sx-jc"),
    ("sx_admin", "sx-jc-zz-nc"),    # townships inherit; nobody edits there
])
def test_wrong_actor_writes_nothing(tree, username, org):
    orgs, users = tree
    actor, target = users[username], orgs[org]
    shipped_rule = WordingRule.objects.none()
    with pytest.raises(PermissionDenied):
        rs.add_rule(actor=actor, organisation=target, data=FORBIDDEN)
    with pytest.raises(PermissionDenied):
        rs.switch_rule(actor=actor, organisation=target, rule_key="format:jiezhi", enabled=False, reason="x")
    with pytest.raises(PermissionDenied):
        rs.add_tenure(actor=actor, organisation=target, data={"name": "演示甲", "post": "局长"})
    with pytest.raises(PermissionDenied):
        importing.import_rules(actor=actor, organisation=target, name="a.csv",
                               data=csv_bytes(["类别", "用语"], [["禁用或替换用语", "甲乙"]]))
    assert not shipped_rule.exists()
    assert not WordingRule.objects.exists() and not RuleSwitch.objects.exists() and not Tenure.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="wording.").exists()


def test_wrong_actor_cannot_edit_anothers_rule_or_tenure(tree):
    orgs, users = tree
    rule = rs.add_rule(actor=users["zz_office"], organisation=orgs["sx-jc-zz"], data=FORBIDDEN)
    tenure = rs.add_tenure(actor=users["zz_office"], organisation=orgs["sx-jc-zz"],
                           data={"name": "演示甲", "post": "局长", "start": "2021-01-01"})
    with pytest.raises(PermissionDenied):
        rs.update_rule(actor=users["yc_office"], rule=rule, data={"term": "改掉"})
    with pytest.raises(PermissionDenied):
        rs.update_tenure(actor=users["zz_drafter"], tenure=tenure, data={"post": "副局长"})
    rule.refresh_from_db()
    tenure.refresh_from_db()
    assert (rule.term, tenure.post) == (FORBIDDEN["term"], "局长")
    # the administrator of the province may edit the county's lists
    rs.update_rule(actor=users["sx_admin"], rule=rule, data={"severity": "minor"})


def test_tenures_drive_leader_findings(tree):
    orgs, users = tree
    office = users["zz_office"]
    tenure = rs.add_tenure(actor=office, organisation=orgs["sx-jc-zz"],
                           data={"name": "演示甲", "post": "局长", "start": "2021-01-01", "end": "2023-12-31"})
    text = "县应急管理局局长演示甲出席会议。"
    assert rules_of(text, orgs["sx-jc-zz"], dt.date(2023, 6, 1)) == []
    assert rules_of(text, orgs["sx-jc-zz"]) == [f"leader:{tenure.leader_id}"]
    assert rules_of(text, orgs["sx-jc-zz-nc"]) == [f"leader:{tenure.leader_id}"]   # inherited
    assert rules_of(text, orgs["sx-jc-yc"]) == []                                  # not sideways
    rs.update_tenure(actor=office, tenure=tenure, data={"end": ""})
    assert rules_of(text, orgs["sx-jc-zz"]) == []
    with pytest.raises(ValidationFailed):
        rs.add_tenure(actor=office, organisation=orgs["sx-jc-zz"], data={"name": "甲", "post": "局长"})
    with pytest.raises(ValidationFailed):
        rs.add_tenure(actor=office, organisation=orgs["sx-jc-zz"],
                      data={"name": "演示乙", "post": "局长", "start": "2024-01-01", "end": "2023-01-01"})
    assert AuditEvent.objects.filter(action__in=["wording.leader_added", "wording.leader_changed"]).count() == 2


# --- bulk import ----------------------------------------------------------------------------------
HEADER = ["类别", "用语", "建议改为", "严重程度", "依据", "说明", "起始日期", "截止日期"]


def test_import_csv_and_xlsx_upsert(tree):
    orgs, users = tree
    rows = [["禁用或替换用语", f"导入用语{i}", "规范", "较重", "省局文件", "", "", ""] for i in range(300)]
    result = importing.import_rules(actor=users["sx_admin"], organisation=orgs["sx"], name="list.csv",
                                    data=csv_bytes(HEADER, rows))
    assert (result.created, result.updated) == (300, 0)
    assert rules_of("不要写导入用语7", orgs["sx-jc-zz"]) == [f"db:{WordingRule.objects.get(term='导入用语7').pk}"]
    rows[0][3] = "严重"
    result = importing.import_rules(actor=users["sx_admin"], organisation=orgs["sx"], name="list.xlsx",
                                    data=xlsx_bytes(HEADER, rows[:10] + [["易错词", "测试错字", "测试正字", "一般", "", "", "", ""]]))
    assert (result.created, result.updated) == (1, 10)
    assert WordingRule.objects.get(term="导入用语0").severity == "severe"
    assert AuditEvent.objects.filter(action="wording.rules_imported").count() == 2


@pytest.mark.parametrize("name, data, message", [
    ("a.csv", b"", "文件为空"),
    ("a.pdf", b"%PDF-1.4 x", "只接受"),
    ("a.csv", "用语\n甲乙\n".encode(), "表头"),
    ("a.csv", "类别,用语\n不存在的类别,甲乙\n禁用或替换用语,\n".encode(), "未导入任何规则"),
    ("a.csv", "类别,用语\n易错词,甲乙\n易错词,甲乙\n".encode(), "未导入任何规则"),
    ("a.xlsx", b"PK\x03\x04garbage", "只接受"),
])
def test_import_bad_files_write_nothing(tree, name, data, message):
    orgs, users = tree
    with pytest.raises(ValidationFailed) as exc:
        importing.import_rules(actor=users["sx_admin"], organisation=orgs["sx"], name=name, data=data)
    assert message in exc.value.message
    assert not WordingRule.objects.exists()


def test_import_lists_bad_rows(tree):
    orgs, users = tree
    rows = [["禁用或替换用语", "好用语", "", "", "", "", "", ""]] + [["乱写", f"坏{i}", "", "", "", "", "", ""] for i in range(30)]
    with pytest.raises(ValidationFailed) as exc:
        importing.import_rules(actor=users["sx_admin"], organisation=orgs["sx"], name="a.csv", data=csv_bytes(HEADER, rows))
    assert exc.value.problems[0].startswith("第3行")
    assert len(exc.value.problems) == 21 and "另有 10 行" in exc.value.problems[-1]
    assert not WordingRule.objects.exists()

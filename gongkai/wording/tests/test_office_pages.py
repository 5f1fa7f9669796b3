"""The office pages: who sees what, writes through the services, no input gives a 500."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core.exports import csv_bytes
from gongkai.wording import rule_services
from gongkai.wording.demo import load_wording_demo
from gongkai.wording.models import RuleSwitch, Tenure, WordingRule


@pytest.fixture
def client_of(client, tree):
    def login(username):
        client.force_login(tree[1][username])
        return client
    return login


def test_dashboard_links_to_the_rules(client_of):
    body = client_of("zz_office").get(reverse("office:dashboard")).content.decode()
    assert reverse("wording:home") in body and reverse("wording:rules", args=["sx-jc-zz"]) in body


def test_every_tab_renders_for_the_office(client_of, tree):
    load_wording_demo()
    c = client_of("zz_office")
    for name in ("rules", "inherited", "leaders", "import", "check", "rule_new"):
        response = c.get(reverse(f"wording:{name}", args=["sx-jc-zz"]))
        assert response.status_code == 200, name
    body = c.get(reverse("wording:inherited", args=["sx-jc-zz"]) + "?q=安监局").content.decode()
    assert "安监局" in body and "应急管理局" in body
    assert "残疾人" in c.get(reverse("wording:inherited", args=["sx-jc-zz"]) + "?q=残废").content.decode()
    assert "演示甲" in c.get(reverse("wording:leaders", args=["sx-jc-zz"])).content.decode()
    assert c.get(reverse("wording:template")).status_code == 200


def test_home_redirects_a_single_organisation_and_refuses_outsiders(client_of, client, django_user_model):
    assert client_of("zz_office").get(reverse("wording:home")).status_code == 302
    assert client_of("sx_supervisor").get(reverse("wording:home")).status_code == 200
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    client.force_login(nobody)
    assert client.get(reverse("wording:home")).status_code == 403


def test_another_organisations_pages_are_not_revealed(client_of, tree):
    c = client_of("yc_office")
    assert c.get(reverse("wording:rules", args=["sx-jc-zz"])).status_code == 404
    assert c.get(reverse("wording:rules", args=["no-such-org"])).status_code == 404
    rule = rule_services.add_rule(actor=tree[1]["zz_office"], organisation=tree[0]["sx-jc-zz"],
                                  data={"kind": "forbidden", "term": "甲用语"})
    assert c.get(reverse("wording:rule_edit", args=["sx-jc-yc", rule.pk])).status_code == 404


def test_add_edit_rule_through_the_page(client_of):
    c = client_of("zz_office")
    url = reverse("wording:rule_new", args=["sx-jc-zz"])
    response = c.post(url, {"kind": "forbidden", "term": "某旧称", "suggestion": "某新称", "severity": "severe",
                            "active": "on"})
    assert response.status_code == 302
    rule = WordingRule.objects.get()
    response = c.post(reverse("wording:rule_edit", args=["sx-jc-zz", rule.pk]),
                      {"kind": "forbidden", "term": "某旧称", "suggestion": "某旧称", "severity": "severe"})
    assert response.status_code == 200 and "建议改为的内容与用语相同" in response.content.decode()
    body = c.post(reverse("wording:check", args=["sx-jc-zz"]), {"text": "不用某旧称。"}).content.decode()
    assert "<mark" in body and "某新称" in body


def test_read_only_roles_see_no_forms_and_their_posts_are_refused(client_of):
    c = client_of("zz_drafter")
    body = c.get(reverse("wording:inherited", args=["sx-jc-zz"])).content.decode()
    assert "停用理由" not in body
    response = c.post(reverse("wording:rule_new", args=["sx-jc-zz"]), {"kind": "forbidden", "term": "某旧称", "severity": "major"})
    assert response.status_code == 403
    response = c.post(reverse("wording:switch", args=["sx-jc-zz"]), {"rule_key": "format:jiezhi", "reason": "x"})
    assert response.status_code == 403
    assert not WordingRule.objects.exists() and not RuleSwitch.objects.exists()


def test_switch_and_tenure_through_the_pages(client_of):
    c = client_of("zz_office")
    url = reverse("wording:switch", args=["sx-jc-zz"])
    assert c.post(url, {"rule_key": "format:ascii-punct", "enabled": "0", "reason": ""}).status_code == 302
    assert not RuleSwitch.objects.exists()   # no reason: refused with a message
    c.post(url, {"rule_key": "format:ascii-punct", "enabled": "0", "reason": "本县网页表格使用半角标点"})
    assert RuleSwitch.objects.get().enabled is False
    response = c.post(reverse("wording:leaders", args=["sx-jc-zz"]),
                      {"name": "演示丙", "post": "副局长", "start": "2024-01-01"})
    assert response.status_code == 302 and Tenure.objects.get().post == "副局长"


def test_import_page(client_of):
    c = client_of("zz_office")
    url = reverse("wording:import", args=["sx-jc-zz"])
    from django.core.files.uploadedfile import SimpleUploadedFile
    data = csv_bytes(["类别", "用语", "建议改为"], [["禁用或替换用语", "甲旧称", "甲新称"]])
    body = c.post(url, {"file": SimpleUploadedFile("list.csv", data)}).content.decode()
    assert "新增 1 条" in body and WordingRule.objects.count() == 1
    body = c.post(url, {"file": SimpleUploadedFile("list.exe", b"MZ\x00\x00")}).content.decode()
    assert "只接受" in body
    assert "请选择要上传的文件" in c.post(url, {}).content.decode()


@pytest.mark.parametrize("payload", [
    {"text": "\u200b" * 10},
    {"text": "县安监局", "on_date": "2024-99-99"},
    {"text": "Ｘ" * 1000 + "\ufeff安监局" + "\u202e"},
    {"text": ["a", "b"]},
    {},
])
def test_check_page_bad_input_no_500(client_of, payload):
    response = client_of("zz_office").post(reverse("wording:check", args=["sx-jc-zz"]), payload)
    assert response.status_code == 200


@pytest.mark.parametrize("data", [
    {"kind": "nope", "term": ""},
    {"kind": "forbidden", "term": "x" * 500, "valid_from": "昨天"},
    {"kind": "forbidden", "term": "\u200b\u200b", "severity": "severe"},
    {"kind": "typo", "term": "甲乙", "valid_from": "2025-01-01", "valid_to": "2024-01-01"},
])
def test_rule_form_bad_input_no_500(client_of, data):
    response = client_of("zz_office").post(reverse("wording:rule_new", args=["sx-jc-zz"]), data)
    assert response.status_code == 200 and not WordingRule.objects.exists()


def test_pager_and_bad_page_numbers(client_of, tree):
    from gongkai.core.exports import csv_bytes as make
    from gongkai.wording import importing
    importing.import_rules(actor=tree[1]["zz_office"], organisation=tree[0]["sx-jc-zz"], name="a.csv",
                           data=make(["类别", "用语"], [["易错词", f"错词{i:03d}"] for i in range(120)]))
    c = client_of("zz_office")
    for page in ("2", "999", "abc", "-1"):
        assert c.get(reverse("wording:rules", args=["sx-jc-zz"]) + f"?page={page}").status_code in (200, 400)
    assert c.get(reverse("wording:inherited", args=["sx-jc-zz"]) + "?page=2&q=" + "长" * 300).status_code == 200


def test_service_denies_even_when_the_view_is_bypassed(tree):
    with pytest.raises(PermissionDenied):
        rule_services.add_rule(actor=tree[1]["zz_leader"], organisation=tree[0]["sx-jc-zz"],
                               data={"kind": "forbidden", "term": "甲"})

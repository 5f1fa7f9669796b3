"""The FOI API: status by number and code, and the statistics table for staff."""
import datetime as dt
import json

from .factories import pin, submitted

D = dt.date


def test_status_with_the_code(client, zz):
    req, secret = submitted(zz, day=D(2026, 3, 2))
    url = f"/api/foi/requests/{req.tracking_number}/status"
    response = client.post(url, json.dumps({"secret": secret}), content_type="application/json")
    data = response.json()
    assert response.status_code == 200 and data["status"] == "received" and data["due_date"] == "2026-03-30"
    assert any("第三十三条" in line for line in data["deadline_explanation"])
    assert "测试申请人" not in response.content.decode()
    assert client.post(url, json.dumps({"secret": "WRONGWRONG"}), content_type="application/json").status_code == 404


def test_statistics_for_staff_only(client, tree, zz):
    submitted(zz, day=D(2026, 3, 2))
    pin(D(2026, 3, 3))
    assert client.get("/api/foi/statistics/sx-jc-zz/2026").status_code == 404
    client.force_login(tree[1]["jc_supervisor"])
    data = client.get("/api/foi/statistics/sx-jc-zz/2026").json()
    assert data["consistent"] and data["rows"][0]["values"]["total"] == 1
    client.force_login(tree[1]["yc_office"])
    assert client.get("/api/foi/statistics/sx-jc-zz/2026").status_code == 404

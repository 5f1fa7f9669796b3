"""关怀模式: a switch on every public page; the choice persists in a cookie."""
import pytest
from django.urls import reverse


def test_switch_on_sets_the_cookie_and_pages_render_in_care_mode(client, county):
    org, _, _ = county
    home = client.get(reverse("portal:home")).content.decode()
    assert f'action="{reverse("portal:care_mode")}"' in home and 'aria-pressed="false"' in home
    assert 'class="care"' not in home
    response = client.post(reverse("portal:care_mode"), {"care": "1", "next": org.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    cookie = response.cookies["gk_care"]
    assert cookie.value == "1" and int(cookie["max-age"]) >= 30 * 24 * 3600
    page = client.get(org.get_absolute_url()).content.decode()
    assert '<html lang="zh-Hans" class="care">' in page and 'aria-pressed="true"' in page


def test_switch_off_removes_the_cookie(client, county):
    client.post(reverse("portal:care_mode"), {"care": "1", "next": "/"})
    response = client.post(reverse("portal:care_mode"), {"care": "0", "next": "/"})
    assert response.cookies["gk_care"].value == ""
    assert 'class="care"' not in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_next_must_stay_on_the_site(client, db, target):
    response = client.post(reverse("portal:care_mode"), {"care": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_get_is_not_allowed(client, db):
    assert client.get(reverse("portal:care_mode")).status_code == 405


def test_a_bare_word_as_next_is_a_path_not_a_view_name(client, db):
    response = client.post(reverse("portal:care_mode"), {"care": "1", "next": "abc"})
    assert response.status_code == 302 and response["Location"] == "abc"

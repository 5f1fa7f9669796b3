"""The admin import page that enters a year."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.organisations.models import Role
from gongkai.workdays import calendar
from gongkai.workdays.models import HolidayYear

from . import factories

pytestmark = pytest.mark.django_db
URL = "admin:workdays_holidayyear_import"


def test_calendar_admin_enters_a_year_through_the_form(client):
    admin = factories.calendar_admin()
    client.force_login(admin)
    page = client.get(reverse(URL))
    assert page.status_code == 200
    assert "录入年度节假日安排" in page.content.decode()
    response = client.post(reverse(URL), {
        "year": "2027", "source": "测试安排", "reason": "",
        "days": "2027-01-01..2027-01-03 holiday 元旦\n2027-02-20 workday 春节调休上班",
    })
    year = HolidayYear.objects.get(year=2027)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:workdays_holidayyear_change", args=[year.pk])
    assert AuditEvent.objects.filter(action="workdays.year_entered", actor=admin).exists()
    assert calendar.is_working_day(dt.date(2027, 2, 20))
    assert client.get(reverse("admin:workdays_holidayyear_change", args=[year.pk])).status_code == 200
    assert client.get(reverse("admin:workdays_holidayyear_changelist")).status_code == 200


def test_upload_json_file(client):
    client.force_login(factories.user(is_superuser=True))
    upload = SimpleUploadedFile("2027.json", '{"holidays": ["2027-01-01"]}'.encode(), content_type="application/json")
    response = client.post(reverse(URL), {"year": "2027", "source": "测试安排", "file": upload})
    assert response.status_code == 302
    assert HolidayYear.objects.get(year=2027).days.count() == 1


def test_errors_are_shown_and_nothing_is_stored(client):
    client.force_login(factories.calendar_admin())
    response = client.post(reverse(URL), {"year": "2027", "source": "测试安排", "days": "2028-01-01 holiday"})
    assert response.status_code == 200
    assert "不属于 2027 年" in response.content.decode()
    assert not HolidayYear.objects.exists()


def test_add_button_leads_to_the_import_page(client):
    client.force_login(factories.calendar_admin())
    response = client.get(reverse("admin:workdays_holidayyear_add"))
    assert response.status_code == 302 and response["Location"] == reverse(URL)


def test_other_staff_are_refused(client):
    client.force_login(factories.user(role=Role.OFFICE))
    assert client.get(reverse(URL)).status_code == 403
    response = client.post(reverse(URL), {"year": "2027", "source": "x", "days": "2027-01-01 holiday"})
    assert response.status_code == 403
    assert not HolidayYear.objects.exists()

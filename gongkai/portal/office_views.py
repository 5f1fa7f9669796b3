"""The office dashboard: each app adds its own panels through its template tag (office/dashboard.html)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.organisations.permissions import roles_of


@login_required
def dashboard(request):
    return render(request, "office/dashboard.html", {"roles": roles_of(request.user)})

from django.shortcuts import render

from gongkai.organisations.models import Organisation


def home(request):
    return render(request, "portal/home.html", {"organisations": Organisation.objects.all()})

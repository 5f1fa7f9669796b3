"""The application's URLs plus a bare "hello" view, the baseline of bench/bench_foi_intake.py."""
from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("gongkai.urls")),
]

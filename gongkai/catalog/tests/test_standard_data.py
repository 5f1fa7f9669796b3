"""The national catalogs shipped in the package: equal to a fresh parse of seed 000, imported without it."""
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from gongkai.catalog import standard_data
from gongkai.catalog.models import Catalog, CatalogItem
from gongkai.catalog.seed_parser import parse_seed

SEED = Path(settings.SEEDS_DIR) / standard_data.SEED_FILE
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="seed 000 is not on this machine (only in development)")


@needs_seed
@pytest.mark.parametrize("n, domain", list(enumerate(standard_data.DOMAINS)))
def test_the_shipped_data_equals_a_fresh_parse_of_the_seed(n, domain):
    fresh = parse_seed(SEED.read_text(encoding="utf-8"))[n]
    assert fresh.domain == domain
    shipped = standard_data.path_of(domain).read_text(encoding="utf-8")
    assert json.loads(shipped) == standard_data.to_data(fresh)
    assert shipped == standard_data.dumps(fresh)  # byte for byte: regenerating changes nothing


@needs_seed
def test_the_build_command_regenerates_the_same_files(tmp_path):
    call_command("build_standard_catalog_data", "--seed", str(SEED), "--output", str(tmp_path), stdout=io.StringIO())
    for domain in standard_data.DOMAINS:
        assert (tmp_path / f"{domain}.json").read_bytes() == standard_data.path_of(domain).read_bytes()


def test_the_shipped_data_keeps_every_flag_and_source_text():
    safety, relief = standard_data.load_shipped()
    assert (len(safety.items), len(relief.items)) == (28, 19)
    codes = lambda catalog: sorted(a.code for i in catalog.items for a in i.anomalies)
    assert codes(safety).count("channels_empty") == 3
    assert codes(relief).count("marks_shifted") == 2
    assert "first_level_label" in codes(relief)
    assert [a.code for a in relief.anomalies] == ["item_count"]
    assert all(i.source.get("cells") for i in safety.items + relief.items)
    assert sum(1 for i in safety.items if i.channels is None) == 3
    assert sum(1 for i in relief.items if i.audience is None and i.mode is None) == 2


def test_round_trip_of_the_data_format():
    for parsed in standard_data.load_shipped():
        assert standard_data.from_data(standard_data.to_data(parsed)) == parsed


def test_a_file_of_another_format_is_refused():
    with pytest.raises(ValueError):
        standard_data.from_data({"format": "something/else"})


def test_the_import_needs_no_seed(db, settings, tmp_path):
    settings.SEEDS_DIR = tmp_path / "absent"  # nothing outside the package is read
    out = io.StringIO()
    call_command("import_standard_catalogs", stdout=out)
    assert "28 items" in out.getvalue() and "19 items" in out.getvalue()
    assert Catalog.objects.filter(is_template=True).count() == 2
    flagged = [i for i in CatalogItem.objects.filter(version__catalog__is_template=True) if i.anomalies]
    assert len(flagged) >= 6
    out = io.StringIO()
    call_command("import_standard_catalogs", stdout=out)
    assert out.getvalue().count("unchanged") == 2


def test_damaged_shipped_data_is_a_clear_error(db, tmp_path, monkeypatch):
    (tmp_path / "safety.json").write_text("{", encoding="utf-8")
    monkeypatch.setattr(standard_data, "DATA_DIR", tmp_path)
    with pytest.raises(CommandError, match="shipped catalog data"):
        call_command("import_standard_catalogs", stdout=io.StringIO())
    assert not Catalog.objects.exists()


def test_an_unreadable_seed_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_standard_catalogs", "--seed", str(tmp_path / "missing.txt"), stdout=io.StringIO())


@needs_seed
def test_importing_from_the_seed_equals_importing_the_shipped_data(db):
    call_command("import_standard_catalogs", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_standard_catalogs", "--seed", str(SEED), stdout=out)
    assert out.getvalue().count("unchanged") == 2

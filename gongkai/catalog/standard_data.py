"""The two national standard catalogs as data shipped inside the package.

``data/safety.json`` and ``data/relief.json`` are the output of ``seed_parser.parse_seed`` on
seed 000 (附件2), written by ``manage.py build_standard_catalog_data --seed <path>``: every item
with all its elements, each cell's source text and every anomaly flag, exactly as parsed. At run
time the import reads these files; nothing outside the package is needed.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .constants import DOMAIN_RELIEF, DOMAIN_SAFETY
from .seed_parser import Anomaly, ParsedCatalog, ParsedItem

DATA_DIR = Path(__file__).resolve().parent / "data"
DOMAINS = (DOMAIN_SAFETY, DOMAIN_RELIEF)
# The seed the shipped data is generated from (seed 000, 附件2 of 豫应急办〔2020〕62号).
SEED_FILE = "000_88ec8d416793215e.txt"
FORMAT = "gongkai.standard-catalog/1"


def to_data(parsed: ParsedCatalog) -> dict:
    """Return a parsed catalog as plain JSON data."""
    return {"format": FORMAT, **dataclasses.asdict(parsed)}


def from_data(data: dict) -> ParsedCatalog:
    """Return the parsed catalog that `to_data` wrote."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a shipped standard catalog (format {data.get('format')!r})")
    items = [
        ParsedItem(**{k: v for k, v in item.items() if k != "anomalies"},
                   anomalies=[Anomaly(**a) for a in item["anomalies"]])
        for item in data["items"]
    ]
    return ParsedCatalog(
        domain=data["domain"], title=data["title"], items=items,
        anomalies=[Anomaly(**a) for a in data["anomalies"]], note=data["note"],
    )


def dumps(parsed: ParsedCatalog) -> str:
    return json.dumps(to_data(parsed), ensure_ascii=False, indent=1) + "\n"


def path_of(domain: str, directory: Path | None = None) -> Path:
    return (directory or DATA_DIR) / f"{domain}.json"


def load_shipped(directory: Path | None = None) -> list[ParsedCatalog]:
    """Return the shipped 安全生产 and 救灾 catalogs, in that order."""
    return [from_data(json.loads(path_of(d, directory).read_text(encoding="utf-8"))) for d in DOMAINS]


def write_shipped(parsed: list[ParsedCatalog], directory: Path | None = None) -> list[Path]:
    """Write the parsed catalogs as the shipped data files; return their paths."""
    directory = directory or DATA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for catalog in parsed:
        path = path_of(catalog.domain, directory)
        path.write_text(dumps(catalog), encoding="utf-8")
        written.append(path)
    return written

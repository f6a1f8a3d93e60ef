"""Cross-language concordance on the UN's own six language versions, and planted errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import lxml.html
import pytest

import diffcore
from diffcore.concordance import concordance, tokens
from diffcore.dates import find_dates, iso_date

from .concgen import KINDS, caught, plant
from .conftest import CORPUS_DIR, REPO_ROOT
from .conftest_corpus import run_cli

AKN = CORPUS_DIR / "akn4un"
LANGS = ("en", "fr", "es", "ru", "ar", "zh")
SCHEMA = REPO_ROOT / "diffcore" / "schemas" / "resdiff.concordance-1.schema.json"
# Resolutions whose six versions the reader gets consistent today, of varied shapes:
# preamble and operative part, sub-paragraphs, footnotes, annexes.
SAMPLE = ("A_RES_80_100", "A_RES_80_1", "A_RES_80_12", "A_RES_80_104", "A_RES_80_10")

needs_akn = pytest.mark.skipif(
    not (AKN / "zh").is_dir(), reason=f"AKN4UN texts not found at {AKN} (../shared/corpus)"
)


def paths(symbol: str) -> list[Path]:
    return [AKN / lang / f"{symbol}.{lang}.xml" for lang in LANGS]


def versions(symbol: str) -> list[tuple[str, diffcore.Document]]:
    return [(p.name, diffcore.load(str(p))) for p in paths(symbol) if p.exists()]


# --- dates and tokens ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "iso"),
    [
        ("en", "adopted on 24 November 2025", "2025-11-24"),
        ("fr", "adoptée le 24 novembre 2025", "2025-11-24"),
        ("fr", "le 1er janvier 2026", "2026-01-01"),
        ("es", "el 24 de noviembre de 2025", "2025-11-24"),
        ("ru", "от 24 ноября 2025 года", "2025-11-24"),
        ("ar", "المؤرخ 24 تشرين الثاني/نوفمبر 2025", "2025-11-24"),
        ("zh", "2025年11月24日通过", "2025-11-24"),
    ],
)
def test_dates_as_printed_in_each_language(language: str, text: str, iso: str) -> None:
    assert iso_date(text, language) == iso


def test_month_and_year_without_a_day() -> None:
    assert [d.iso for d in find_dates("в мае 2026 года", "ru")] == ["2026-05"]
    assert [d.iso for d in find_dates("en junio de 2026", "es")] == ["2026-06"]
    assert [d.iso for d in find_dates("in June 2026", "en")] == ["2026-06"]


def test_tokens_agree_across_scripts() -> None:
    en = tokens("resolution 53/199 of 21 to 23 May 2025 and A/80/537, article 9; 1,000", "en")
    zh = tokens("2025年5月21日至23日第53/199号决议和A/80/537号文件，第九条；1 000", "zh")
    assert en == zh
    assert set(en) == {"53/199", "2025-05", "21", "23", "A/80/537", "9", "1000"}


@pytest.mark.parametrize(
    ("en", "language", "text"),
    [
        # Ranges print the year once; days print without one (A/RES/80/118, 80/109).
        ("from 30 June to 3 July 2025", "zh", "2025年6月30日至7月3日"),
        ("from 30 June to 3 July 2025", "fr", "du 30 juin au 3 juillet 2025"),
        ("of 3 December 2018 ... 24 January", "zh", "2018年12月3日 ... 1月24日"),
        ("designate 1 October", "fr", "proclamer le 1er octobre"),
        # Amounts with a scale word (A/RES/80/118, 80/216, 80/138).
        ("4 trillion United States dollars", "fr", "4 000 milliards de dollars"),
        ("4 trillion United States dollars", "zh", "4万亿美元"),
        ("2.1 billion people", "zh", "21亿人"),
        ("100 billion United States dollars", "es", "100.000 millones de dólares"),
        # Arabic: UN month spellings, a year set against the month, reversed groups,
        # part letters (A/RES/80/259, 80/233, 80/239, 80/253).
        ("6 July 2015", "ar", "6 تموز/يوليه 2015"),
        ("20 October 2025", "ar", "20 تشرين الأول/أكتوبر2025"),
        ("56,126,600 dollars and 168,460,000", "ar", "600 126 56 دولار و 000 460 168"),
        ("resolution 67/254 A", "ar", "قرارها 67/254 ألف"),
        # Not symbols; chapters are Roman numerals elsewhere.
        ("HIV/AIDS", "fr", "VIH/sida"),
        ("Chapter XI of the Charter", "zh", "《宪章》第十一章"),
    ],
)
def test_forms_that_differ_by_language_give_equal_tokens(en: str, language: str, text: str) -> None:
    assert tokens(en, "en") == tokens(text, language)


def test_ordinals_are_no_evidence() -> None:
    assert not tokens("el 15º Plan y la 20ª ronda", "es")
    assert not tokens("la 15e session", "fr")
    assert not tokens("the 21st century", "en")


# --- real versions -----------------------------------------------------------------------


@needs_akn
def test_genuine_six_versions_are_consistent() -> None:
    result = concordance(versions("A_RES_80_100"))
    assert len(result.versions) == 6
    assert result.reference.language == "en"
    assert result.consistent, [f.to_dict() for f in result.findings]


@needs_akn
@pytest.mark.parametrize("kind", KINDS)
def test_planted_errors_are_caught(kind: str) -> None:
    """Recall 100% on one planted error at a time, in every non-English version."""
    rng = random.Random(80)
    planted = exact = 0
    for symbol in SAMPLE:
        docs = versions(symbol)
        genuine = concordance(docs)
        for k, (name, doc) in enumerate(docs):
            if k == 0:
                continue
            for _ in range(2):
                p = plant(kind, doc, docs[k][1].metadata.language or "", rng)
                if p is None:
                    continue
                copy = list(docs)
                copy[k] = (name, p.doc)
                result = concordance(copy)
                planted += 1
                assert caught(p, genuine, result, name, exact=False), (symbol, name, p)
                exact += caught(p, genuine, result, name)
    assert planted >= 20
    assert exact >= 0.9 * planted


# --- the command -------------------------------------------------------------------------


@needs_akn
def test_cli_exit_status_and_formats(tmp_path: Path) -> None:
    files = [str(p) for p in paths("A_RES_80_100")]
    ok = run_cli("concordance", *files)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.rstrip().endswith("consistent")
    # A version with a changed resolution number is inconsistent: exit 1, and JSON says why.
    fr = Path(files[1]).read_text(encoding="utf-8")
    visible = ">1514 (XV)</a> du 14"
    assert visible in fr
    bad = tmp_path / "fr.xml"
    bad.write_text(fr.replace(visible, ">1541 (XV)</a> du 14", 1), encoding="utf-8")
    out = run_cli("concordance", files[0], str(bad), "--format", "json")
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["counts"]["tokens"] >= 1
    assert any("1514" in f["expected"] for f in data["findings"])
    again = run_cli("concordance", files[0], str(bad), "--format", "json")
    assert again.stdout == out.stdout  # deterministic


@needs_akn
def test_cli_html_report(tmp_path: Path) -> None:
    files = [str(p) for p in paths("A_RES_80_100")]
    target = tmp_path / "c.html"
    done = run_cli("concordance", *files, "--format", "html", "-o", str(target))
    assert done.returncode == 0, done.stderr
    page = lxml.html.fromstring(target.read_text(encoding="utf-8"))
    assert page.get("lang") == "en"
    arabic = page.xpath("//h2/span[@lang='ar']")
    assert arabic and arabic[0].get("dir") == "rtl"
    assert not page.xpath("//script") and not page.xpath("//link")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["concordance", "only-one.txt"], "no such file"),
        (["concordance"], "Missing argument"),
        (["concordance", "README.md", "--format", "pdf"], "Invalid value"),
    ],
)
def test_cli_bad_input(args: list[str], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("resdiff: ")
    assert message in done.stderr


def test_cli_needs_two_versions(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("The General Assembly,\n\n1. Decides to act.\n", encoding="utf-8")
    done = run_cli("concordance", str(one))
    assert done.returncode == 2
    assert done.stderr == "resdiff: concordance needs at least two versions of the document\n"

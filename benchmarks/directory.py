"""Directory at city scale: `python -m benchmarks.directory` prints one JSON object.

Builds a scratch database (a temporary SQLite file; with DATABASE_URL set to PostgreSQL, a scratch
database named after it with `_bench` appended, dropped afterwards), migrates it, loads 110,000
market entities and 10,000 named units (plus revoked, expired and candidate applications), then
requests each public page through Django's test client with the public cache off and reports, per
page, the number of SQL queries and the median server time, beside a trivial view's median.

Targets (DESIGN.md): a constant number of queries per page (at most 10, whatever the page size)
and a median of at most 30 ms.

`search_quality`: the labelled query set in benchmarks/search_queries.toml (realistic phone-typed
queries, each with the unit it means; those units are added to the 10,000) run through the search
and, as the baseline in the same run, through the search as it was before issue 14
(benchmarks/search_baseline.py): the share of queries whose unit is on the first page (hit_rate), is
first (top1_rate), its mean rank when on the first page, and the mean reciprocal rank (0 for a miss).
"""

import datetime
import os
import random
import statistics
import time
import tomllib
from pathlib import Path
from urllib.parse import quote

from benchmarks.scratch import log, run_in_scratch_database

BUSINESSES = int(os.environ.get("BENCH_BUSINESSES", "110000"))
NAMED = int(os.environ.get("BENCH_NAMED", "10000"))
NOT_IN_FORCE = {"revoked": 600, "expired": 400, "in_notice": 500, "submitted": 500}
WARMUP, RUNS = 5, 40
YEARS = (2020, 2021, 2022, 2023, 2024, 2025)

SHORT = ["商州", "洛南", "丹凤", "商南", "山阳", "镇安", "柞水"]
TRADE = ["华润", "万家", "好又多", "美特好", "新合作", "永辉", "人人乐", "秦岭", "金凤", "龙泉", "鑫源", "宏达",
         "恒信", "顺发", "福满", "德昌", "兴隆", "富民", "康乐", "天元", "嘉禾", "瑞丰", "长青", "同心", "和顺",
         "吉祥", "盛世", "金鼎", "仁和", "百姓", "惠民", "安康", "祥和", "泰和", "丰源", "聚福", "金丝", "天竺",
         "塔云", "凤凰", "丹江", "洛源", "商山", "鹤城", "老街", "新城", "东方", "阳光", "春天", "华联"]
SECTOR_WORDS = {  # industry code: (share of the city's market entities, words in their names)
    "retail": (0.30, ["超市", "购物广场", "百货", "便利店", "商贸", "超市连锁"]),
    "catering": (0.25, ["餐饮", "饭庄", "火锅店", "农家乐", "小吃店"]),
    "tourism": (0.10, ["酒店", "宾馆", "旅行社", "旅游开发"]),
    "medical": (0.09, ["医院", "诊所", "大药房", "卫生院"]),
    "transport": (0.08, ["客运", "出租汽车", "公共交通", "物流"]),
    "telecom": (0.07, ["通信", "营业厅", "网络科技"]),
    "finance": (0.06, ["银行", "农村信用合作社", "村镇银行"]),
    "insurance": (0.05, ["保险代理", "财产保险"]),
}
SUFFIX = ["有限公司", "有限责任公司", "店", "分店", "连锁有限公司", "经营部", ""]
STREETS = ["北新街", "工农路", "通江路", "东大街", "西街", "南环路", "迎宾大道", "滨河路", "人民路", "新区大道"]
LABELLED = Path(__file__).with_name("search_queries.toml")
PAGE = 20  # the directory's default page size: a hit is a unit on the first page


# --- data --------------------------------------------------------------------------------------


def uscc(region_code, n):
    from certification.validators import ALPHABET, uscc_check_character

    first17 = "91" + region_code + f"{n:08d}" + ALPHABET[10 + n % 21]
    return first17 + uscc_check_character(first17)


def make_businesses(rng):
    from certification.models import Business, Industry, Region
    from certification.models.business import pinyin_full, pinyin_initials

    counties = list(Region.objects.filter(level="county").order_by("code"))
    industries = {i.code: i for i in Industry.objects.all()}
    codes = list(SECTOR_WORDS)
    weights = [SECTOR_WORDS[c][0] for c in codes]
    pinyin = {}
    batch = []
    for n in range(BUSINESSES):
        c = n % len(counties)
        county, code = counties[c], rng.choices(codes, weights)[0]
        prefix = rng.choice([SHORT[c], "商洛" + SHORT[c], "商洛市", SHORT[c] + "县" if c else "商州区"])
        trade = rng.choice(TRADE) + (rng.choice(TRADE) if rng.random() < 0.5 else "")
        name = prefix + trade + rng.choice(SECTOR_WORDS[code][1]) + rng.choice(SUFFIX)
        if name not in pinyin:
            pinyin[name] = (pinyin_full(name), pinyin_initials(name))
        full, initials = pinyin[name]
        batch.append(Business(
            uscc=uscc(county.code, n), name=name, name_pinyin=full, name_initials=initials,
            address=f"陕西省商洛市{county.name}{rng.choice(STREETS)}{rng.randint(1, 300)}号",
            region=county, industry=industries[code],
        ))
        if len(batch) == 5000:
            Business.objects.bulk_create(batch, batch_size=2000)
            batch = []
    Business.objects.bulk_create(batch, batch_size=2000)


def make_applications(rng):
    from certification.criteria import live_criteria
    from certification.models import Application, Business, Certificate, CriteriaSnapshot, Level, Round, State
    from certification.search import copies_for
    from cms.site_tree import build_site

    rounds = {}
    for year in YEARS:
        rounds[year] = Round.objects.create(
            year=year, application_opens=datetime.date(year, 3, 1), application_closes=datetime.date(year, 9, 30),
            quota_city=10_000, quota_county=10_000, certificate_validity_years=10)
    # in id order: Business sorts by name by default, and equal names came back in another order on
    # PostgreSQL than on SQLite, which gave the two databases different data
    all_ids = list(Business.objects.order_by("pk").values_list("pk", flat=True))
    business_ids = rng.sample(all_ids, NAMED + sum(NOT_IN_FORCE.values()))
    today = datetime.date.today()
    plan = [("named", bid) for bid in business_ids[:NAMED]]
    rest = iter(business_ids[NAMED:])
    for state, count in NOT_IN_FORCE.items():
        plan += [(state, next(rest)) for _ in range(count)]
    # the criteria snapshot every submitted application carries (the unit page lists its assurances)
    build_site()
    snapshot = CriteriaSnapshot.objects.for_criteria(live_criteria())
    chosen = Business.objects.filter(pk__in=[bid for _, bid in plan]).select_related("region")
    texts = {b.pk: copies_for(b) for b in chosen}
    applications = []
    for state, bid in plan:
        year = rng.choice(YEARS)
        level = Level.CITY if rng.random() < 0.06 else Level.COUNTY
        if state == "named" and rng.random() < 0.03:
            state = State.UNDER_REVIEW
        titled = state in ("named", "under_review", "revoked", "expired")
        applications.append(Application(
            business_id=bid, round=rounds[year], level=level, level_requested=level, state=state,
            named_on=datetime.date(year, 12, rng.randint(1, 28)) if titled else None, criteria=snapshot,
            **texts[bid],
        ))
    Application.objects.bulk_create(applications, batch_size=2000)
    serial = {}
    certificates = []
    for app in Application.objects.filter(named_on__isnull=False).select_related("round").order_by("id"):
        key = (app.round_id, app.level)
        serial[key] = serial.get(key, 0) + 1
        n = serial[key]
        valid_until = app.named_on.replace(year=app.named_on.year + 10)
        certificates.append(Certificate(
            application=app, round=app.round, level=app.level, serial=n, issued_on=app.named_on,
            number=f"商洛放心〔{app.round.year}〕{'市' if app.level == 'city' else '县'}字第{n:04d}号",
            valid_until=today - datetime.timedelta(days=30) if app.state == "expired" else valid_until,
            revoked_on=today - datetime.timedelta(days=60) if app.state == "revoked" else None,
        ))
    Certificate.objects.bulk_create(certificates, batch_size=2000)
    add_labelled_units(rounds, snapshot)


def labelled():
    with open(LABELLED, "rb") as f:
        return tomllib.load(f)


def add_labelled_units(rounds, snapshot):
    """The units the labelled queries mean, named and in force, with their certificate numbers."""
    from certification.models import Application, Business, Certificate, Industry, Region, State
    from certification.models.business import pinyin_full, pinyin_initials
    from certification.selectors.certificates import parse_number

    regions = {r.name: r for r in Region.objects.all()}
    industries = {i.code: i for i in Industry.objects.all()}
    for unit in labelled()["unit"]:
        business = Business.objects.create(
            uscc=unit["uscc"], name=unit["name"], address=unit["address"], region=regions[unit["county"]],
            industry=industries[unit["sector"]], name_pinyin=pinyin_full(unit["name"]),
            name_initials=pinyin_initials(unit["name"]),
        )
        year, level, serial = parse_number(unit["certificate"])
        named_on = datetime.date(year, 12, 20)
        application = Application.objects.create(
            business=business, round=rounds[year], level=level, level_requested=level, state=State.NAMED,
            named_on=named_on, criteria=snapshot,
        )
        Certificate.objects.create(
            application=application, round=rounds[year], level=level, serial=serial, number=unit["certificate"],
            issued_on=named_on, valid_until=named_on.replace(year=year + 10),
        )


# --- search quality ----------------------------------------------------------------------------


def search_quality():
    """Hit rate, top-1 rate, mean rank and mean reciprocal rank of the labelled queries' units, for the
    search and for the baseline (the search before issue 14) on the same data."""
    from django.urls import reverse

    from benchmarks import search_baseline
    from certification.models import Application
    from certification.selectors.public import RELEVANCE, order_units, search_target, search_units, units_in_force

    data = labelled()
    pk_of = dict(Application.objects.filter(business__uscc__in=[u["uscc"] for u in data["unit"]])
                 .values_list("business__uscc", "pk"))
    expected = {u["key"]: pk_of[u["uscc"]] for u in data["unit"]}

    def ours(term, pk):
        target = search_target(term)
        if target and target.url:
            return 1 if target.url == reverse("directory:unit", args=[pk]) else None
        ids = list(order_units(search_units(units_in_force(), term), RELEVANCE, searching=True)
                   .values_list("pk", flat=True)[:PAGE])
        return ids.index(pk) + 1 if pk in ids else None

    def baseline(term, pk):
        ids = list(search_baseline.search_units(units_in_force(), term).order_by(*search_baseline.ORDER)
                   .values_list("pk", flat=True)[:PAGE])
        return ids.index(pk) + 1 if pk in ids else None

    def figures(rank_of):
        ranks = [(q["kind"], rank_of(q["q"], expected[q["expect"]])) for q in data["query"]]
        hits = [r for _, r in ranks if r]
        misses = [q["q"] for q, (_, r) in zip(data["query"], ranks, strict=True) if not r]
        by_kind = {}
        for kind, r in ranks:
            by_kind.setdefault(kind, []).append(bool(r))
        return {
            "hit_rate": round(len(hits) / len(ranks), 3),
            "top1_rate": round(sum(1 for r in hits if r == 1) / len(ranks), 3),
            "mean_rank": round(statistics.mean(hits), 2) if hits else None,
            "mrr": round(sum(1 / r for r in hits) / len(ranks), 3),
            "hit_rate_by_kind": {k: round(sum(v) / len(v), 2) for k, v in sorted(by_kind.items())},
            "misses": misses,
        }

    started = time.perf_counter()
    result = {"queries": len(data["query"]), "units": len(data["unit"]), "page": PAGE,
              "search": figures(ours), "baseline_before_issue_14": figures(baseline)}
    log(f"search quality in {time.perf_counter() - started:.0f} s")
    return result


# --- measuring ---------------------------------------------------------------------------------


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def __getattr__(name):
    """This module doubles as the URLconf of the run: a trivial view beside the site's URLs."""
    if name == "urlpatterns":
        from django.urls import include, path

        return [path("__bench_trivial__/", trivial), path("", include("config.urls"))]
    raise AttributeError(name)


def measure(client, urls):
    """{"queries": n, "median_ms": x, "median_cpu_ms": y} for a list of URLs requested in turn.

    median_cpu_ms is this process's CPU time per request: on SQLite it includes the database's work,
    and it moves much less than the wall time when other work shares the machine's two cores."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for i in range(WARMUP):
        assert client.get(urls[i % len(urls)]).status_code == 200, urls[i % len(urls)]
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        client.get(urls[0])
    queries = len(ctx.captured_queries)  # read now: the next request resets the connection's log
    times, cpu = [], []
    for i in range(RUNS):
        url = urls[i % len(urls)]
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, url
    return {"queries": queries, "median_ms": round(statistics.median(times), 2),
            "median_cpu_ms": round(statistics.median(cpu), 2)}


def run():
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from certification.selectors.public import search_units, units_in_force

    searches = {"search_chinese": "超市", "search_pinyin": "chaoshi", "search_words": "丹凤 酒店",
                "search_in_order": "商洛华润", "search_same_sound": "华润万佳", "search_one_letter": "h"}

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrated in {time.perf_counter() - started:.0f} s")
    rng = random.Random(2020)
    t = time.perf_counter()
    make_businesses(rng)
    make_applications(rng)
    with connection.cursor() as cursor:
        # What autovacuum does on a live PostgreSQL server; SQLite gets no statistics unless asked.
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
    log(f"data loaded in {time.perf_counter() - t:.0f} s")

    settings.DEBUG = False
    unit_ids = list(units_in_force().order_by("?").values_list("pk", flat=True)[:RUNS])
    county = "611002"
    with override_settings(ROOT_URLCONF="benchmarks.directory", PUBLIC_CACHE_SECONDS=0):
        client = Client()
        pages = {
            "directory": measure(client, ["/units/"]),
            "directory_filtered": measure(client, [f"/units/?county={county}&sector=retail"]),
            **{name: measure(client, ["/units/?q=" + quote(term)]) for name, term in searches.items()},
            "unit": measure(client, [f"/units/{pk}/" for pk in unit_ids]),
        }
        other = {
            "directory_page_size_50": measure(client, ["/units/?page_size=50&page=3"]),
            "search_initials": measure(client, ["/units/?q=hrwj"]),
            "search_mixed": measure(client, ["/units/?q=" + quote("华润wj")]),
            "stats": measure(client, ["/stats/"]),
            "opendata_json": measure(client, ["/opendata/units.json?page=3"]),
        }
        trivial_ms = measure(client, ["/__bench_trivial__/"])["median_ms"]
    return {
        "database": connection.vendor,
        "businesses": BUSINESSES,
        "named_units_in_force": units_in_force().count(),
        "search_matches": {term: search_units(units_in_force(), term).count() for term in searches.values()},
        "search_quality": search_quality(),
        "pages": pages,
        "other_pages": other,
        "trivial_view_median_ms": trivial_ms,
        "targets": {"max_queries": 10, "median_ms": 30},
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def main():
    run_in_scratch_database("bench", run, PUBLIC_CACHE_SECONDS="0")


if __name__ == "__main__":
    main()

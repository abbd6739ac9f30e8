"""Demo market entities across all 7 counties and all 8 sectors (deterministic, idempotent)."""

import hashlib

from ..models import Business, Industry, Region
from ..validators import ALPHABET, uscc_check_character

SHORT = {"商州区": "商州", "洛南县": "洛南", "丹凤县": "丹凤", "商南县": "商南", "山阳县": "山阳", "镇安县": "镇安",
         "柞水县": "柞水"}
SCENIC = {"商州区": "金凤山", "洛南县": "洛河湾", "丹凤县": "棣花古镇", "商南县": "金丝峡", "山阳县": "天竺山",
          "镇安县": "塔云山", "柞水县": "牛背梁"}
STREETS = ["北新街", "工农路", "通江路", "东大街", "西街", "南环路", "迎宾大道", "滨河路", "人民路", "新区大道"]
CONTACTS = ["王建军", "李秀英", "张伟", "刘芳", "陈静", "杨磊", "赵敏", "黄勇", "周丽", "吴强", "徐娟", "孙涛"]

TEMPLATES = {
    "telecom": ["中国移动通信集团陕西有限公司{c}分公司", "中国联合网络通信有限公司{c}分公司",
                "中国电信股份有限公司{c}分公司", "{s}广电网络营业厅"],
    "finance": ["中国工商银行股份有限公司{c}支行", "中国农业银行股份有限公司{c}支行",
                "中国建设银行股份有限公司{c}支行", "中国邮政储蓄银行股份有限公司{c}支行",
                "陕西{s}农村商业银行股份有限公司"],
    "insurance": ["中国人寿保险股份有限公司{c}支公司", "中国人民财产保险股份有限公司{c}支公司",
                  "中国平安财产保险股份有限公司{c}支公司", "中国太平洋财产保险股份有限公司{c}支公司"],
    "tourism": ["{c}{scenic}旅游开发有限公司", "{s}康辉旅行社有限公司", "{s}秦岭人家大酒店", "{s}宏达宾馆"],
    "transport": ["商洛{s}汽车运输有限公司", "{c}汽车客运站", "{s}出租汽车有限公司", "{s}公共交通有限公司"],
    "medical": ["{c}人民医院", "{c}中医医院", "{c}妇幼保健院", "商洛{s}仁和大药房连锁有限公司"],
    "retail": ["{s}好又多购物广场有限公司", "{s}百货大楼有限公司", "商洛市美特好超市{s}店",
               "{s}新合作超市连锁有限公司"],
    "catering": ["{s}秦岭印象餐饮有限公司", "{s}老街饭庄", "{s}农家乐专业合作社"],
}
# Named in the programme's own examples; must exist so that "超市" finds it.
EXTRA = [("商州区", "retail", "商洛市华润万家超市有限公司")] + [
    # more of 柞水县 (the demo county officer's county), so its work list has every state in the current round
    ("柞水县", "catering", name) for name in (
        "柞水县木耳宴餐饮有限公司", "柞水凤凰古镇客栈", "柞水乾佑河鱼庄", "柞水营盘农家饭庄", "柞水秦岭山珍食府",
        "柞水金米村农家乐", "柞水溶洞景区餐厅", "柞水终南山寨餐饮管理有限公司",
    )
]


def demo_uscc(region_code, name):
    digest = hashlib.sha256(name.encode()).digest()
    body = "".join(ALPHABET[b % 10] for b in digest[:8]) + ALPHABET[10 + digest[8] % 21]
    first17 = "91" + region_code + body
    return first17 + uscc_check_character(first17)


def demo_business_specs():
    counties = Region.objects.filter(level=Region.Level.COUNTY).order_by("code")
    specs = []
    for county in counties:
        short = SHORT.get(county.name, county.name[:2])
        for code, templates in TEMPLATES.items():
            for template in templates:
                name = template.format(c=county.name, s=short, scenic=SCENIC.get(county.name, "秦岭"))
                specs.append((county, code, name))
    for county_name, code, name in EXTRA:
        specs.append((Region.objects.get(name=county_name), code, name))
    return specs


def create_demo_businesses():
    industries = {industry.code: industry for industry in Industry.objects.all()}
    created = 0
    businesses = []
    for n, (county, code, name) in enumerate(demo_business_specs()):
        business, was_created = Business.objects.get_or_create(
            uscc=demo_uscc(county.code, name),
            defaults={
                "name": name,
                "address": f"陕西省商洛市{county.name}{STREETS[n % len(STREETS)]}{(n * 7) % 180 + 1}号",
                "region": county,
                "industry": industries[code],
                "contact_person": CONTACTS[n % len(CONTACTS)],
                "contact_phone": f"0914-{2300000 + n * 37:07d}",
            },
        )
        created += was_created
        businesses.append(business)
    return businesses, created

"""The demo's API key: a known value (like the demo password), so that `make run` can be tried with
curl at once. Only its hash is stored, as for every key; a second run finds it and adds nothing."""

from ..models import ApiKey
from ..models.api import hash_key

DEMO_API_KEY = "fx_demo-shangluo2020-platform-key"


def create_demo_api_key():
    key, _ = ApiKey.objects.get_or_create(
        key_hash=hash_key(DEMO_API_KEY),
        defaults={"organisation": "演示平台（某外卖平台）", "contact": "演示联系人 0914-0000000", "rate_limit": 600,
                  "prefix": DEMO_API_KEY[:10]},
    )
    return DEMO_API_KEY

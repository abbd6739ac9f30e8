"""Django's Redis cache, keeping its redis.Redis client objects.

Django's RedisCacheClient builds a new redis.Redis object for every cache operation (on the same
connection pool); redis-py's constructor fills a table of about 170 response callbacks each time, which
cost more CPU than the rest of a public-cache hit put together (measured with cProfile: ~1 ms of a
~1.6 ms hit on this machine). A client object holds no per-call state and is safe to reuse over its pool,
so one is kept per pool.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

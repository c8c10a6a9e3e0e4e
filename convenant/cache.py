"""A Redis cache that degrades to no cache while Redis is down.

Django's RedisCache raises on every call when Redis cannot be reached, which turns the public
PDF (cached by content hash) into a 500 during a Redis outage. Everything cached here can be
computed again, so a miss is always a correct answer: while Redis is down every call answers as
an empty cache, the outage is logged once per pause, and Redis is not tried again for a short
while so that each request does not wait for a connection timeout.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# After a failure, Redis is left alone this many seconds before it is tried again.
PAUZE_SECONDEN = 30


def _bij_storing(leeg):
    """Wrap a client method: a Redis error gives `leeg(args)` instead of an exception."""

    def decorator(method):
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._plat_tot:
                return leeg(*args)
            try:
                return method(self, *args, **kwargs)
            except self._lib.RedisError as exc:
                self._plat_tot = time.monotonic() + PAUZE_SECONDEN
                logger.warning(
                    "Redis niet bereikbaar (%s); de cache werkt %s seconden als leeg.",
                    type(exc).__name__,
                    PAUZE_SECONDEN,
                )
                return leeg(*args)

        wrapper.__name__ = method.__name__
        return wrapper

    return decorator


class VeerkrachtigeRedisClient(RedisCacheClient):
    _plat_tot = 0.0

    add = _bij_storing(lambda *a: False)(RedisCacheClient.add)
    get = _bij_storing(lambda key, default: default)(RedisCacheClient.get)
    set = _bij_storing(lambda *a: None)(RedisCacheClient.set)
    touch = _bij_storing(lambda *a: False)(RedisCacheClient.touch)
    delete = _bij_storing(lambda *a: False)(RedisCacheClient.delete)
    get_many = _bij_storing(lambda *a: {})(RedisCacheClient.get_many)
    has_key = _bij_storing(lambda *a: False)(RedisCacheClient.has_key)
    set_many = _bij_storing(lambda *a: [])(RedisCacheClient.set_many)
    delete_many = _bij_storing(lambda *a: None)(RedisCacheClient.delete_many)
    clear = _bij_storing(lambda *a: False)(RedisCacheClient.clear)


class VeerkrachtigeRedisCache(RedisCache):
    """RedisCache whose outages look like cache misses (see the module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = VeerkrachtigeRedisClient

"""Calls started at the same moment, each in its own thread with its own database connection (the
PostgreSQL tests of double clicks, overlapping namings and parallel workers)."""

import threading

from django.db import connections


def at_once(*calls, timeout=60):
    """Run every call in its own thread, released together by a barrier, and wait for all of them.
    Returns, in the calls' order, what each returned or the exception it raised (for the test to assert)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 — handed back to the test, which asserts on it
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    for index, thread in enumerate(threads):
        if thread.is_alive():  # still waiting (a lock never released): that call's outcome is a failure
            outcomes[index] = TimeoutError(f"call {index} still running after {timeout} s")
    return outcomes


def twice(call):
    """The same call twice at once: a double click, or two workers started together."""
    return at_once(call, call)
